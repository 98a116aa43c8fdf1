import type { Viewer } from '../../auth/viewer.js';
import type { MastodonStatus } from '../../posts/status-views.js';
import { htmlToText } from '../../text/markdown.js';
import { formatDateTime, formatNumber, t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';
import { AccountName, profilePath } from './account-name.js';
import { VerifiedBadge } from './verified-badge.js';
import { Icon } from './icons.js';
import { PollCard } from './poll-card.js';
import { VideoEmbeds } from './video-embed.js';

/** The status entity the cards show (Mastodon's Status plus Medired's article fields). */
export type StatusView = MastodonStatus;

/** True when the status is an article (long post with a title). */
export function isArticle(s: StatusView): boolean {
  return s.medired.kind === 'article';
}

/** The article cover image URL, if it has one. */
export function coverUrl(s: StatusView): string | null {
  return s.medired.cover?.url ?? null;
}

/** The web path of a status: `/@handle/:id`. */
export function statusPath(s: Pick<StatusView, 'id' | 'account'>): string {
  return `/@${s.account.acct}/${s.id}`;
}

/** A plain-text excerpt of an article's body (without its title). */
export function articleExcerpt(s: StatusView, max = 200): string {
  const text = htmlToText(s.medired.body_html || s.content).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
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
        m.type === 'video' ? (
          <video src={m.url ?? ''} poster={m.preview_url ?? undefined} controls preload="metadata" aria-label={m.description || t(lang, 'status.media')}></video>
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
  const minutes = status.medired.reading_time_minutes;
  return (
    <div class="article-teaser">
      {cover ? <img class="article-teaser-cover" src={cover} alt="" loading="lazy" decoding="async" /> : null}
      <p class="article-kicker">{t(lang, 'status.article')}{minutes ? <> · {t(lang, 'status.readingTime', { minutes })}</> : null}</p>
      <h3 class="article-teaser-title">
        <a href={statusPath(status)}>{status.medired.title || statusExcerpt(status, 80)}</a>
      </h3>
      <p class="article-teaser-excerpt">{articleExcerpt(status, 220)}</p>
      <a class="article-teaser-more" href={statusPath(status)} aria-hidden="true" tabindex={-1}>
        {t(lang, 'status.readArticle')} →
      </a>
    </div>
  );
}

/** The body of a status: content warning as a disclosure, then content, media and poll. */
export function StatusBody({ status, lang, viewer = null, returnTo }: { status: StatusView; lang: Lang; viewer?: Viewer | null; returnTo?: string }) {
  const body = (
    <>
      <div class="status-content" lang={undefined} dangerouslySetInnerHTML={{ __html: status.content }} />
      <Media status={status} lang={lang} />
      <VideoEmbeds html={status.content} lang={lang} />
      {status.poll ? <PollCard statusId={status.id} poll={status.poll} lang={lang} viewer={viewer} returnTo={returnTo ?? statusPath(status)} /> : null}
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

/** Reply link, repost and like buttons (forms) with counts, and "edit" for the author. */
export function StatusActions(props: { status: StatusView; lang: Lang; viewer: Viewer | null; returnTo: string }) {
  const { status: s, lang, viewer } = props;
  const path = statusPath(s);
  const mine = viewer?.accountId === s.account.id;
  return (
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
      {mine && viewer && !s.reblog && s.visibility !== 'direct' ? (
        <form method="post" action={`/statuses/${s.id}/${s.pinned ? 'unpin' : 'pin'}`} class="inline-form">
          <CsrfField viewer={viewer} />
          <input type="hidden" name="return_to" value={props.returnTo} />
          <button type="submit" class="action action-pin" aria-pressed={s.pinned ? 'true' : 'false'} title={t(lang, 'status.pinHint')}>
            {t(lang, s.pinned ? 'status.unpin' : 'status.pin')}
          </button>
        </form>
      ) : null}
      {viewer && !mine ? (
        <a class="action action-report" href={`/report?status_id=${s.id}`}>
          {t(lang, 'status.report')}
        </a>
      ) : null}
    </footer>
  );
}

/**
 * A status in a list or thread: author with badge, time and visibility, content (or article
 * teaser), counts and like/repost/reply buttons (plain forms; no script needed).
 */
export function StatusCard(props: { status: StatusView; lang: Lang; viewer: Viewer | null; returnTo: string; focused?: boolean; inThread?: boolean }) {
  const { lang, viewer } = props;
  const outer = props.status;
  const s = outer.reblog ?? outer;
  const promotion = outer.medired.promotion;
  // A promoted post opens through our tracked redirect (`/promoted/:id`), which counts the click.
  const path = promotion ? `/promoted/${promotion.id}` : statusPath(s);
  return (
    <article class={`status${props.focused ? ' status-focused' : ''}${isArticle(s) ? ' status-article' : ''}${promotion ? ' status-promoted' : ''}`} id={promotion ? `promoted-${promotion.id}` : `s-${outer.id}`}>
      {promotion ? (
        <p class="promoted-by" title={t(lang, 'promoted.why')}>
          <strong class="promoted-label">{t(lang, 'promoted.label')}</strong> · {t(lang, 'promoted.by', { name: s.account.display_name || s.account.username })} ·{' '}
          <a href={path}>{t(lang, 'promoted.open')}</a>
        </p>
      ) : null}
      {outer.reblog ? (
        <p class="status-reblogged-by">
          <Icon name="reblog" size={14} />{' '}
          <a href={profilePath(outer.account)}>{t(lang, 'status.rebloggedBy', { name: outer.account.display_name || outer.account.username })}</a>
          <VerifiedBadge account={outer.account} lang={lang} />
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
      {s.in_reply_to_id && !props.focused && !props.inThread ? (
        <p class="status-context">
          <a href={`/statuses/${s.in_reply_to_id}`}>{t(lang, 'status.inReplyTo')}</a>
        </p>
      ) : null}
      {s.medired.moderation_label ? <p class="moderation-label">{s.medired.moderation_label}</p> : null}
      {isArticle(s) && !props.focused ? <ArticleTeaser status={s} lang={lang} /> : <StatusBody status={s} lang={lang} viewer={viewer} returnTo={props.returnTo} />}
      <StatusActions status={s} lang={lang} viewer={viewer} returnTo={props.returnTo} />
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
