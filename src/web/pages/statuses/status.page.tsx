import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { getVisibleStatus, type MastodonStatus } from '../../../posts/status-views.js';
import { bioExcerpt } from '../../components/account-list.js';
import { AccountName, profilePath } from '../../components/account-name.js';
import { Composer } from '../../components/composer.js';
import { Flash, noticeFrom } from '../../components/flash.js';
import { Icon } from '../../components/icons.js';
import { VideoEmbeds } from '../../components/video-embed.js';
import { coverUrl, isArticle, articleExcerpt, StatusActions, StatusCard, statusExcerpt, statusPath, VisibilityIcon } from '../../components/status-card.js';
import { formatDate, t, type Lang } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import type { WebContext } from '../../web-context.js';
import { HANDLE, handleOf } from '../profile/profile-data.js';
import { statusContext } from '../../../posts/threads.service.js';
import { JsonLd } from '../../components/json-ld.js';
import { StatusFactChecks } from '../../consultas/status-fact-checks.js';
import { countStatusView } from '../../../analytics/view-counting.js';

export const STATUS_ID = ':id{[0-9]{1,19}}';

/** The status of a `/@handle/:id` path; a mismatched handle or a reblog redirects to the canonical path. */
export async function statusFromPath(c: WebContext, app: AppContext): Promise<MastodonStatus | Response> {
  const status = await getVisibleStatus(app, c.req.param('id')!, c.get('viewer'));
  const target = status.reblog ?? status;
  if (status.reblog || handleOf(c.req.param('handle')!).toLowerCase() !== target.account.acct.toLowerCase()) {
    return c.redirect(statusPath(target), 301);
  }
  return status;
}

function Notices({ c }: { c: WebContext }) {
  const lang = c.get('lang');
  const notice = noticeFrom(c.req.url);
  if (notice === 'posted') return <Flash kind="success">{t(lang, 'composer.posted')}</Flash>;
  if (notice === 'edited') return <Flash kind="success">{t(lang, 'edit.saved')}</Flash>;
  return null;
}

/** The long-form reader: cover, title, byline, body, disclaimer and author box. */
function ArticleReader({ status, lang, viewer, returnTo }: { status: MastodonStatus; lang: Lang; viewer: Viewer | null; returnTo: string }) {
  const cover = coverUrl(status);
  const author = status.account;
  const bio = bioExcerpt(author, 280);
  const minutes = status.medired.reading_time_minutes;
  return (
    <article class="article-reader" id={`s-${status.id}`} lang={status.language}>
      {cover ? <img class="article-cover" src={cover} alt={status.medired.cover?.description ?? ''} /> : null}
      <div class="article-inner">
        <h1 class="article-title">{status.medired.title}</h1>
        <div class="article-byline">
          <AccountName account={author} lang={lang} avatarSize={40} />
          <span>
            <time datetime={status.created_at}>{t(lang, 'article.published', { date: formatDate(lang, status.created_at) })}</time>
            {status.edited_at ? <> · {t(lang, 'article.updated', { date: formatDate(lang, status.edited_at) })}</> : null}
          </span>
          {minutes ? (
            <span>
              <Icon name="clock" size={16} /> {t(lang, 'status.readingTime', { minutes })}
            </span>
          ) : null}
          <VisibilityIcon visibility={status.visibility} lang={lang} />
        </div>
        {status.medired.moderation_label ? <p class="moderation-label">{status.medired.moderation_label}</p> : null}
        <div class="article-body" dangerouslySetInnerHTML={{ __html: status.medired.body_html }} />
        <VideoEmbeds html={status.medired.body_html} lang={lang} />
        <p class="article-disclaimer">{t(lang, 'article.disclaimer')}</p>
        <StatusActions status={status} lang={lang} viewer={viewer} returnTo={returnTo} />
        <aside class="author-box" aria-labelledby="author-box-title">
          <h2 id="author-box-title">{t(lang, 'article.about')}</h2>
          <AccountName account={author} lang={lang} avatarSize={56} />
          {bio ? <p>{bio}</p> : null}
          <p>
            <a href={`${profilePath(author)}/articles`}>{t(lang, 'article.readMore', { name: author.display_name || author.username })} →</a>
          </p>
        </aside>
      </div>
    </article>
  );
}

async function statusPage(c: WebContext, app: AppContext) {
  const found = await statusFromPath(c, app);
  if (found instanceof Response) return found;
  // A private message is read in its conversation (only its members get this far), never on a
  // page of its own with the text in its title and preview tags.
  if (found.medired.conversation_id) return c.redirect(`/messages/${found.medired.conversation_id}#m-${found.id}`, 303);
  const status = found;
  const lang = c.get('lang');
  const viewer = c.get('viewer');
  const { ancestors, descendants } = await statusContext(app, status.id, viewer);
  // A view for the author's statistics (aggregate, deduplicated per day; never waits).
  countStatusView(app, c, status, viewer?.accountId ?? null);
  const path = statusPath(status);
  const name = status.account.display_name || status.account.username;
  const article = isArticle(status);
  // A link preview shows an image: a video's poster, an image itself (never a video or document file).
  const first = status.media_attachments.find((m) => m.type === 'image' || m.type === 'video');
  const image = coverUrl(status) ?? (first ? (first.type === 'image' ? first.url : first.preview_url) : null) ?? status.account.avatar;
  return renderPage(
    c,
    {
      title: article ? status.medired.title : `${t(lang, 'status.title', { name })}: «${statusExcerpt(status, 60)}»`,
      description: article ? articleExcerpt(status, 200) : statusExcerpt(status, 200),
      canonical: path,
      image,
      type: 'article',
      noindex: status.visibility !== 'public',
      head: (
        <>
          <meta property="article:published_time" content={status.created_at} />
          {status.edited_at ? <meta property="article:modified_time" content={status.edited_at} /> : null}
          <meta property="article:author" content={status.account.url} />
          {article ? (
            <JsonLd
              data={{
                '@type': 'Article',
                headline: status.medired.title,
                datePublished: status.created_at,
                ...(status.edited_at ? { dateModified: status.edited_at } : {}),
                inLanguage: status.language,
                url: status.url,
                ...(coverUrl(status) ? { image: coverUrl(status) } : {}),
                author: { '@type': status.account.medired.kind === 'organization' ? 'Organization' : 'Person', name, url: status.account.url },
                ...(status.medired.reading_time_minutes ? { timeRequired: `PT${status.medired.reading_time_minutes}M` } : {}),
              }}
            />
          ) : null}
        </>
      ),
    },
    <>
      <Notices c={c} />
      {ancestors.length ? (
        <div class="thread-ancestors">
          {ancestors.map((s) => (
            <StatusCard status={s} lang={lang} viewer={viewer} returnTo={path} inThread />
          ))}
        </div>
      ) : null}
      {article ? (
        <ArticleReader status={status} lang={lang} viewer={viewer} returnTo={path} />
      ) : (
        <>
          <h1 class="visually-hidden">{t(lang, 'status.title', { name })}</h1>
          <StatusCard status={status} lang={lang} viewer={viewer} returnTo={path} focused />
        </>
      )}
      <StatusFactChecks app={app} statusId={status.id} authorId={status.account.id} viewer={viewer} lang={lang} returnTo={path} />
      {viewer && !viewer.mfaPending ? (
        <Composer lang={lang} viewer={viewer} returnTo={path} inReplyToId={status.id} heading={t(lang, 'status.replyTo', { name })} idPrefix="reply" values={{ status: viewer.accountId === status.account.id ? '' : `@${status.account.acct} `, visibility: status.visibility === 'direct' ? 'private' : status.visibility }} />
      ) : null}
      <section aria-labelledby="replies-title">
        <h2 class="section-title" id="replies-title">{t(lang, 'status.repliesHeading')}</h2>
        {descendants.length ? (
          <div class="thread-replies">
            {descendants.map((s) => (
              <StatusCard status={s} lang={lang} viewer={viewer} returnTo={path} inThread />
            ))}
          </div>
        ) : (
          <p class="empty-state">{t(lang, 'status.noReplies')}</p>
        )}
      </section>
    </>,
  );
}

/** `/@handle/:id`: a post with its conversation, or an article in the reader. */
export function mountStatusPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(`/${HANDLE}/${STATUS_ID}`, (c) => statusPage(c, app));
  // Links that only know the id (e.g. "in reply to") land on the canonical path.
  hono.get(`/statuses/${STATUS_ID}`, async (c) => {
    const status = await getVisibleStatus(app, c.req.param('id'), c.get('viewer'));
    return c.redirect(statusPath(status.reblog ?? status), 301);
  });
}
