import type { Viewer } from '../../auth/viewer.js';
import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import { htmlToText } from '../../text/markdown.js';
import { formatDateTime, formatNumber, t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';
import { AccountName } from './account-name.js';
import { Icon } from './icons.js';

/**
 * The parts of Mastodon's Status entity (plus Medired's article fields) the web cards show. The
 * posts module's `MastodonStatus` satisfies it.
 */
export interface StatusView {
  id: string;
  created_at: string;
  edited_at?: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id?: string | null;
  content: string;
  spoiler_text: string;
  sensitive?: boolean;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  url?: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited?: boolean;
  reblogged?: boolean;
  account: MastodonAccount;
  reblog?: StatusView | null;
  media_attachments: { id: string; type: string; url: string | null; preview_url?: string | null; description?: string | null; meta?: unknown }[];
  medired?: ArticleFields | null | undefined;
}

/** Medired's article fields on a status (`kind: 'article'`). */
export interface ArticleFields {
  kind?: 'note' | 'article' | string;
  title?: string | null;
  reading_time_minutes?: number | null;
  cover?: { url: string; description?: string | null } | string | null;
  cover_url?: string | null;
  summary?: string | null;
  moderation_label?: string | null;
  [key: string]: unknown;
}

/** True when the status is an article (long post with a title). */
export function isArticle(s: StatusView): boolean {
  return s.medired?.kind === 'article';
}

/** The article cover image URL, whatever shape the posts module gives it. */
export function coverUrl(s: StatusView): string | null {
  const m = s.medired;
  if (!m) return null;
  if (typeof m.cover === 'string') return m.cover;
  if (m.cover && typeof m.cover === 'object') return m.cover.url;
  return m.cover_url ?? null;
}

/** The web path of a status: `/@handle/:id`. */
export function statusPath(s: Pick<StatusView, 'id' | 'account'>): string {
  return `/@${s.account.acct}/${s.id}`;
}

/** A plain-text excerpt of a status for descriptions and cards. */
export function statusExcerpt(s: StatusView, max = 200): string {
  const text = s.spoiler_text || htmlToText(s.content).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

const VISIBILITY_ICON = { public: 'public', unlisted: 'unlisted', private: 'private', direct: 'direct' } as const;

export function VisibilityIcon({ visibility, lang }: { visibility: StatusView['visibility']; lang: Lang }) {
  const label = t(lang, `visibility.${visibility}`);
  return (
    <span class="visibility" title={label}>
      <Icon name={VISIBILITY_ICON[visibility]} size={16} />
      <span class="visually-hidden">{label}</span>
    </span>
  );
}

function ActionForm(props: { action: string; returnTo: string; viewer: Viewer; label: string; pressed: boolean; icon: 'favourite' | 'reblog'; count: number; lang: Lang }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField viewer={props.viewer} />
      <input type="hidden" name="return_to" value={props.returnTo} />
      <button type="submit" class={`action action-${props.icon}${props.pressed ? ' is-active' : ''}`} aria-pressed={props.pressed ? 'true' : 'false'}>
        <Icon name={props.icon} />
        <span class="visually-hidden">{props.label}, </span>
        <span class="action-count">{formatNumber(props.lang, props.count)}</span>
      </button>
    </form>
  );
}

function Media({ status, lang }: { status: StatusView; lang: Lang }) {
  const images = status.media_attachments.filter((m) => m.url);
  if (images.length === 0) return null;
  return (
    <div class={`media-grid media-count-${Math.min(images.length, 4)}`}>
      {images.map((m) =>
        m.type === 'video' || m.type === 'gifv' ? (
          <video src={m.url ?? ''} controls preload="metadata" aria-label={m.description || t(lang, 'status.media')}></video>
        ) : (
          <a href={m.url ?? '#'}>
            <img src={m.preview_url || m.url || ''} alt={m.description ?? ''} loading="lazy" decoding="async" />
          </a>
        ),
      )}
    </div>
  );
}

function ArticleTeaser({ status, lang }: { status: StatusView; lang: Lang }) {
  const cover = coverUrl(status);
  const minutes = status.medired?.reading_time_minutes;
  return (
    <div class="article-teaser">
      {cover ? <img class="article-teaser-cover" src={cover} alt="" loading="lazy" decoding="async" /> : null}
      <p class="article-kicker">{t(lang, 'status.article')}{minutes ? <> · {t(lang, 'status.readingTime', { minutes })}</> : null}</p>
      <h3 class="article-teaser-title">
        <a href={statusPath(status)}>{status.medired?.title || statusExcerpt(status, 80)}</a>
      </h3>
      <p class="article-teaser-excerpt">{status.medired?.summary || statusExcerpt(status, 220)}</p>
      <a class="article-teaser-more" href={statusPath(status)} aria-hidden="true" tabindex={-1}>
        {t(lang, 'status.readArticle')} →
      </a>
    </div>
  );
}

/** The body of a status: content warning as a disclosure, then content and media. */
export function StatusBody({ status, lang }: { status: StatusView; lang: Lang }) {
  const body = (
    <>
      <div class="status-content" lang={undefined} dangerouslySetInnerHTML={{ __html: status.content }} />
      <Media status={status} lang={lang} />
    </>
  );
  if (!status.spoiler_text) return body;
  return (
    <details class="content-warning">
      <summary>
        <span class="cw-label">{t(lang, 'status.cw')}:</span> {status.spoiler_text} <span class="cw-show">({t(lang, 'status.showMore')})</span>
      </summary>
      {body}
    </details>
  );
}

/**
 * A status in a list or thread: author with badge, time and visibility, content (or article
 * teaser), counts and like/repost/reply buttons (plain forms; no script needed).
 */
export function StatusCard(props: { status: StatusView; lang: Lang; viewer: Viewer | null; returnTo: string; focused?: boolean; headingLevel?: 2 | 3 }) {
  const { lang, viewer } = props;
  const outer = props.status;
  const s = outer.reblog ?? outer;
  const path = statusPath(s);
  const mine = viewer?.accountId === s.account.id;
  return (
    <article class={`status${props.focused ? ' status-focused' : ''}${isArticle(s) ? ' status-article' : ''}`} id={`s-${outer.id}`}>
      {outer.reblog ? (
        <p class="status-reblogged-by">
          <Icon name="reblog" size={14} /> {t(lang, 'status.rebloggedBy', { name: outer.account.display_name || outer.account.username })}
        </p>
      ) : null}
      <header class="status-header">
        <AccountName account={s.account} lang={lang} />
        <div class="status-meta">
          <a class="status-time" href={path} title={t(lang, 'status.permalink')}>
            <time datetime={s.created_at}>{formatDateTime(lang, s.created_at)}</time>
          </a>
          {s.edited_at ? <span class="status-edited">· {t(lang, 'status.edited')}</span> : null}
          <VisibilityIcon visibility={s.visibility} lang={lang} />
        </div>
      </header>
      {s.in_reply_to_id && !props.focused ? <p class="status-context">{t(lang, 'status.inReplyTo')}</p> : null}
      {s.medired?.moderation_label ? <p class="moderation-label">{s.medired.moderation_label}</p> : null}
      {isArticle(s) && !props.focused ? <ArticleTeaser status={s} lang={lang} /> : <StatusBody status={s} lang={lang} />}
      <footer class="status-actions">
        <a class="action action-reply" href={`${path}#reply`}>
          <Icon name="reply" />
          <span class="visually-hidden">{t(lang, 'status.reply')}, </span>
          <span class="action-count">{formatNumber(lang, s.replies_count)}</span>
        </a>
        {viewer ? (
          <>
            <ActionForm
              action={`/statuses/${s.id}/${s.reblogged ? 'unreblog' : 'reblog'}`}
              returnTo={props.returnTo}
              viewer={viewer}
              label={t(lang, s.reblogged ? 'status.unreblog' : 'status.reblog')}
              pressed={Boolean(s.reblogged)}
              icon="reblog"
              count={s.reblogs_count}
              lang={lang}
            />
            <ActionForm
              action={`/statuses/${s.id}/${s.favourited ? 'unfavourite' : 'favourite'}`}
              returnTo={props.returnTo}
              viewer={viewer}
              label={t(lang, s.favourited ? 'status.unfavourite' : 'status.favourite')}
              pressed={Boolean(s.favourited)}
              icon="favourite"
              count={s.favourites_count}
              lang={lang}
            />
          </>
        ) : (
          <>
            <span class="action action-static" title={t(lang, 'status.reblogs')}>
              <Icon name="reblog" />
              <span class="visually-hidden">{t(lang, 'status.reblogs')}:</span> {formatNumber(lang, s.reblogs_count)}
            </span>
            <span class="action action-static" title={t(lang, 'status.favourites')}>
              <Icon name="favourite" />
              <span class="visually-hidden">{t(lang, 'status.favourites')}:</span> {formatNumber(lang, s.favourites_count)}
            </span>
          </>
        )}
        {mine ? (
          <a class="action action-edit" href={`${path}/edit`}>
            {t(lang, 'common.edit')}
          </a>
        ) : null}
      </footer>
    </article>
  );
}

/** A list of status cards with an empty-state message. */
export function StatusList(props: { statuses: StatusView[]; lang: Lang; viewer: Viewer | null; returnTo: string; empty: string }) {
  if (props.statuses.length === 0) return <p class="empty-state">{props.empty}</p>;
  return (
    <div class="status-list">
      {props.statuses.map((s) => (
        <StatusCard status={s} lang={props.lang} viewer={props.viewer} returnTo={props.returnTo} />
      ))}
    </div>
  );
}
