import type { ComposerUpload } from '../media/composer-media.js';
import { MediaFields, MissingAltWarning } from '../media/media-fields.js';
import { AttachmentGrid } from '../media/attachment-grid.js';
import type { Viewer } from '../../auth/viewer.js';
import type { GroupRow, MemberRow } from '../../groups/groups.repository.js';
import type { GroupPostEntity } from '../../groups/groups.serializer.js';
import { GROUP_LIMITS } from '../../groups/groups.js';
import { AccountName } from '../components/account-name.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';

/** What a post's buttons may show, decided by the policy once per page. */
export interface PostPermissions {
  takesPart: boolean;
  moderates: boolean;
}

const linesOf = (text: string) => text.split('\n').map((line, i) => (i === 0 ? line : [<br />, line]));

export function VisibilityBadge({ lang, visibility }: { lang: Lang; visibility: GroupRow['visibility'] }) {
  return <span class={`group-badge group-badge-${visibility}`}>{t(lang, visibility === 'private' ? 'groups.private' : 'groups.public')}</span>;
}

/** A post's author as the reader may know it: the pseudonym and a neutral avatar, or the account. */
function Author({ lang, post }: { lang: Lang; post: GroupPostEntity }) {
  const a = post.author;
  return (
    <div class="group-post-author">
      {a.pseudonym && !a.account ? (
        <span class="account-name">
          <img class="avatar" src={a.avatar} alt="" width={40} height={40} />
          <span class="account-name-text">
            <bdi class="display-name">{a.pseudonym}</bdi>
            <span class="handle">{t(lang, 'groups.pseudonymous')}</span>
          </span>
        </span>
      ) : a.account ? (
        <AccountName account={a.account} lang={lang} avatarSize={40} />
      ) : null}
      {a.pseudonym && a.account ? <span class="group-chip">{t(lang, 'groups.pseudonymous')}: {a.pseudonym}</span> : null}
      {a.expert ? <span class="group-chip group-chip-expert">{t(lang, 'groups.expert')}</span> : null}
      {a.role && a.role !== 'member' ? <span class="group-chip">{t(lang, `groups.role.${a.role}`)}</span> : null}
    </div>
  );
}

function ActionButton({ viewer, action, label, cls = 'link-button' }: { viewer: Viewer | null; action: string; label: string; cls?: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField viewer={viewer} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
}

/** The images of the feed's composer as a refused or warned submission left them. */
export interface GroupComposerMedia {
  uploads?: ComposerUpload[];
  missingAlt?: ComposerUpload[];
  error?: string | undefined;
  altConfirmed?: boolean;
}

/** The text box of the feed (with images) and of replies, with the choice of posting under the pseudonym. */
export function Composer(props: { lang: Lang; viewer: Viewer; group: GroupRow; membership: MemberRow; parentId?: string; value?: string; children?: unknown; media?: GroupComposerMedia }) {
  const { lang, group, membership } = props;
  const id = props.parentId ? `reply-${props.parentId}` : 'group-text';
  return (
    <form method="post" action={`/groups/${group.slug}/posts`} class={props.parentId ? 'group-reply-form' : 'card group-composer'} enctype={props.parentId ? undefined : 'multipart/form-data'}>
      <CsrfField viewer={props.viewer} />
      {props.parentId ? <input type="hidden" name="parent_id" value={props.parentId} /> : null}
      <label for={id} class={props.parentId ? 'visually-hidden' : undefined}>
        {t(lang, props.parentId ? 'groups.replyLabel' : 'groups.composer')}
      </label>
      <textarea id={id} name="text" rows={props.parentId ? 2 : 4} maxLength={GROUP_LIMITS.post} required>
        {props.value ?? ''}
      </textarea>
      {props.parentId ? null : (
        <>
          {props.media?.missingAlt?.length ? <MissingAltWarning lang={lang} missing={props.media.missingAlt} /> : null}
          <MediaFields lang={lang} prefix="group" imagesOnly uploads={props.media?.uploads ?? []} missingAlt={props.media?.missingAlt ?? []} error={props.media?.error} altConfirmed={props.media?.altConfirmed ?? false} />
        </>
      )}
      <div class="group-composer-row">
        {membership.pseudonym ? (
          <label class="group-post-as">
            {t(lang, 'groups.postAs')}{' '}
            <select name="pseudonymous">
              <option value="true" selected>
                {t(lang, 'groups.postAsPseudonym', { pseudonym: membership.pseudonym })}
              </option>
              <option value="false">{t(lang, 'groups.postAsAccount')}</option>
            </select>
          </label>
        ) : null}
        <button type="submit" class={props.parentId ? 'button button-small' : 'button'}>
          {t(lang, props.parentId ? 'groups.reply' : 'groups.publish')}
        </button>
      </div>
      {props.children as never}
    </form>
  );
}

/** One post (or reply) with its actions: like, reply, report; pin and remove for moderators; delete for its author. */
export function GroupPost(props: { lang: Lang; viewer: Viewer | null; group: GroupRow; membership: MemberRow | null; post: GroupPostEntity; can: PostPermissions; reply?: boolean }) {
  const { lang, viewer, post, can, group } = props;
  const base = `/group_posts/${post.id}`;
  return (
    <article class={`group-post${props.reply ? ' group-reply' : ' card'}${post.pinned ? ' group-post-pinned' : ''}`} id={`p-${post.id}`}>
      {post.pinned && !props.reply ? <p class="group-pinned-label">{t(lang, 'groups.pinned')}</p> : null}
      <header class="group-post-header">
        <Author lang={lang} post={post} />
        <time datetime={post.created_at}>{formatDateTime(lang, post.created_at)}</time>
      </header>
      {post.removed ? <p class="group-removed">{t(lang, 'groups.removed')}</p> : null}
      <p class="group-post-text">{linesOf(post.content)}</p>
      <AttachmentGrid media={post.media_attachments} lang={lang} />
      <footer class="group-post-actions">
        <span class="group-likes">{t(lang, 'groups.likes', { count: post.likes_count })}</span>
        {can.takesPart && !post.removed ? <ActionButton viewer={viewer} action={`${base}/${post.liked ? 'unlike' : 'like'}`} label={t(lang, post.liked ? 'groups.unlike' : 'groups.like')} /> : null}
        {can.moderates && !props.reply && !post.removed ? <ActionButton viewer={viewer} action={`${base}/${post.pinned ? 'unpin' : 'pin'}`} label={t(lang, post.pinned ? 'groups.unpin' : 'groups.pin')} /> : null}
        {post.mine ? <ActionButton viewer={viewer} action={`${base}/delete`} label={t(lang, 'groups.deletePost')} /> : null}
        {viewer && can.takesPart && !post.mine && !post.removed ? (
          <details class="group-inline-details">
            <summary>{t(lang, 'groups.report')}</summary>
            <form method="post" action={`${base}/report`}>
              <CsrfField viewer={viewer} />
              <label for={`rc-${post.id}`}>{t(lang, 'groups.reportComment')}</label>
              <textarea id={`rc-${post.id}`} name="comment" rows={2} maxLength={1000} />
              <button type="submit" class="button button-small button-secondary">{t(lang, 'groups.report')}</button>
            </form>
          </details>
        ) : null}
        {can.moderates && !post.removed ? (
          <details class="group-inline-details">
            <summary>{t(lang, 'groups.removePost')}</summary>
            <form method="post" action={`${base}/remove`}>
              <CsrfField viewer={viewer} />
              <label for={`rr-${post.id}`}>{t(lang, 'groups.removeReason')}</label>
              <input type="text" id={`rr-${post.id}`} name="reason" required minLength={3} maxLength={GROUP_LIMITS.reason} />
              <button type="submit" class="button button-small button-danger">{t(lang, 'groups.removePost')}</button>
            </form>
          </details>
        ) : null}
      </footer>
      {post.replies && post.replies.length > 0 ? (
        <div class="group-replies">
          {post.replies.map((r) => (
            <GroupPost {...props} post={r} reply />
          ))}
        </div>
      ) : null}
      {!props.reply && can.takesPart && viewer && props.membership && !post.removed ? (
        <details class="group-inline-details group-reply-box">
          <summary>{t(lang, 'groups.reply')}</summary>
          <Composer lang={lang} viewer={viewer} group={group} membership={props.membership} parentId={post.id} />
        </details>
      ) : null}
    </article>
  );
}

/** The group's tabs: posts, members, resources, and moderation and settings for those who run it. */
export function GroupTabs({ lang, group, current, moderates, owns, readable }: { lang: Lang; group: GroupRow; current: string; moderates: boolean; owns: boolean; readable: boolean }) {
  const tabs: [string, string][] = [[``, t(lang, 'groups.feed')]];
  if (readable) tabs.push(['/members', t(lang, 'groups.membersPage')], ['/resources', t(lang, 'groups.resources')]);
  if (moderates) tabs.push(['/moderation', t(lang, 'groups.moderation')]);
  if (owns) tabs.push(['/settings', t(lang, 'groups.settings')]);
  return (
    <nav class="group-tabs" aria-label={group.name}>
      {tabs.map(([path, label]) => (
        <a href={`/groups/${group.slug}${path}`} aria-current={current === path ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
