import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { GROUP_CREATE_LIMITS, GROUP_INVITE_LIMITS, GROUP_POST_LIMITS, GROUP_REPORT_LIMITS } from '../../groups/group-limits.js';
import { accountInput, groupInput, groupUpdate, inviteInput, leaveInput, postInput, pseudonymInput, reasonInput, reportDecisionInput, reportInput, resourceInput } from '../../groups/groups.js';
import { findGroupById } from '../../groups/groups.repository.js';
import { createGroupPost, deleteOwnGroupPost, likeGroupPost, pinGroupPost, postWithAccess, removeGroupPost } from '../../groups/group-posts.service.js';
import { reportGroupPost, resolveGroupReport } from '../../groups/group-reports.service.js';
import {
  actOnMember,
  addResource,
  answerInvitation,
  createGroup,
  groupBySlug,
  inviteToGroup,
  joinGroup,
  leaveGroup,
  removeResource,
  setMemberRole,
  setPseudonym,
  transferOwnership,
  updateGroup,
} from '../../groups/groups.service.js';
import { findGroupReport } from '../../groups/group-posts.repository.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { AppError, invalid } from '../../errors.js';
import { uploadCover } from '../pages/articles/article-input.js';
import { CONFIRM_PERSONAL_DATA, PersonalDataWarning, personalDataToConfirm } from '../components/personal-data-warning.js';
import { formFields, idParam, withStatus } from '../forms.js';
import { t } from '../i18n/i18n.js';
import { errorText } from '../errors/error-text.js';
import { fieldErrorsOfAppError, parseForm } from '../consultas/form-errors.js';
import type { WebContext } from '../web-context.js';
import { renderFeed, renderGroupForm } from './groups.pages.js';
import type { GroupComposerMedia } from './group-parts.js';
import { composerMedia, CONFIRM_MISSING_ALT, imagesMissingAlt } from '../media/composer-media.js';

const SLUG = ':slug{[a-z0-9-]{3,60}}';
const ID = ':id{[0-9]{1,19}}';
const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{3,60}$/) });

const back = (c: WebContext, slug: string, notice = 'done', anchor = '') => c.redirect(`/groups/${slug}?notice=${notice}${anchor}`, 303);

async function slugOfGroup(app: AppContext, groupId: string): Promise<string> {
  return (await findGroupById(app.db, groupId))!.slug;
}

const createForm = defineFormRoute({
  path: '/groups',
  summary: 'Create a support group from the web form',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  rateLimits: GROUP_CREATE_LIMITS,
  onError: async ({ c, app, viewer, raw, status }, err) => {
    if (!viewer) return undefined;
    if (err.code === 'rate_limited') return withStatus(renderGroupForm(c, app, viewer, raw, { _form: t(c.get('lang'), 'error.rateLimited.body') }), status);
    if (err.code !== 'validation_failed') return undefined;
    return renderGroupForm(c, app, viewer, raw, fieldErrorsOfAppError(c.get('lang'), err) ?? {});
  },
  handler: async ({ c, app, viewer, body: form }) => {
    const parsed = parseForm(c.get('lang'), groupInput, form);
    if (parsed.errors) return renderGroupForm(c, app, viewer, form, parsed.errors);
    const cover = await uploadCover(app, viewer, c.get('lang'), form);
    if (cover.error) return renderGroupForm(c, app, viewer, form, { cover: cover.error });
    try {
      const group = await createGroup(app, viewer, { ...parsed.data, ...(cover.id ? { cover_media_id: cover.id } : {}) });
      return back(c, group.slug, 'created');
    } catch (err) {
      const errors = fieldErrorsOfAppError(c.get('lang'), err);
      if (errors) return renderGroupForm(c, app, viewer, form, errors);
      throw err;
    }
  },
});

const settingsForm = defineFormRoute({
  path: `/groups/${SLUG}/settings`,
  summary: "Change a group's settings (owner)",
  auth: 'user',
  scope: 'write:statuses',
  params: slugParam,
  body: formFields,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const access = await groupBySlug(app, viewer, params.slug);
    const parsed = parseForm(c.get('lang'), groupUpdate, form);
    if (parsed.errors) throw invalid('Check the fields of the form', Object.keys(parsed.errors)[0], 'errors.code.validation_failed');
    const body = parsed.data;
    const cover = await uploadCover(app, viewer, c.get('lang'), form);
    if (cover.error) throw invalid(cover.error, 'cover');
    await updateGroup(app, viewer, access.group.id, { ...body, ...(cover.id ? { cover_media_id: cover.id } : {}) });
    return c.redirect(`/groups/${params.slug}/settings?notice=saved`, 303);
  },
});

const membershipForm = defineFormRoute({
  path: `/groups/${SLUG}/:action{join|accept|decline}`,
  summary: 'Join or ask to join a group; accept or decline an invitation',
  auth: 'user',
  scope: 'write:follows',
  params: z.object({ slug: slugParam.shape.slug, action: z.enum(['join', 'accept', 'decline']) }),
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    const access = await groupBySlug(app, viewer, params.slug);
    if (params.action === 'decline') {
      await answerInvitation(app, viewer, access.group.id, false);
      return c.redirect('/groups', 303);
    }
    const row = params.action === 'accept' ? await answerInvitation(app, viewer, access.group.id, true) : await joinGroup(app, viewer, access.group.id);
    return back(c, params.slug, row?.state === 'pending' ? 'requested' : 'joined');
  },
});

const leaveForm = defineFormRoute({
  path: `/groups/${SLUG}/leave`,
  summary: 'Leave a group keeping or deleting your posts (or withdraw a request)',
  auth: 'user',
  scope: 'write:follows',
  params: slugParam,
  body: leaveInput,
  handler: async ({ c, app, viewer, params, body }) => {
    const access = await groupBySlug(app, viewer, params.slug);
    await leaveGroup(app, viewer, access.group.id, body.posts);
    return c.redirect('/groups?notice=left', 303);
  },
});

/** The composer comes back with what was typed and the warning, for a public group's post with personal data. */
/** The feed again with what was typed, its uploaded images, and a warning or an error inside the composer. */
async function composeAgain(c: WebContext, app: AppContext, slug: string, form: Record<string, unknown>, shown: { warning?: unknown; media?: GroupComposerMedia }) {
  const access = await groupBySlug(app, c.get('viewer'), slug);
  const hidden = (
    <>
      {typeof form.parent_id === 'string' ? <input type="hidden" name="parent_id" value={form.parent_id} /> : null}
      {shown.warning as never}
    </>
  );
  return withStatus(renderFeed(c, app, access, { value: typeof form.text === 'string' ? form.text : '', warning: hidden, ...(shown.media ? { media: shown.media } : {}) }), 422);
}

const postForm = defineFormRoute({
  path: `/groups/${SLUG}/posts`,
  summary: 'Post or reply in a group (members); public groups warn about personal data first',
  auth: 'user',
  scope: 'write:statuses',
  params: slugParam,
  body: formFields,
  rateLimits: GROUP_POST_LIMITS,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const lang = c.get('lang');
    const access = await groupBySlug(app, viewer, params.slug);
    const parsed = postInput.extend({ parent_id: z.string().regex(/^\d{1,19}$/).optional() }).safeParse(form);
    const isPost = !(typeof form.parent_id === 'string' && form.parent_id);
    // Images (posts, not replies) are uploaded first, so the composer shown again keeps them.
    // A private group's images go straight to the private storage area, like a message's.
    const media = isPost ? await composerMedia(app, viewer, lang, form, { imagesOnly: true, private: access.group.visibility === 'private' }) : { uploads: [], errors: {} };
    const shownMedia: GroupComposerMedia = { uploads: media.uploads, error: media.errors.media, altConfirmed: form[CONFIRM_MISSING_ALT] === 'true' };
    if (!parsed.success) {
      if (!isPost) throw invalid('A post has 1 to 5000 characters', 'text', 'groups.error.postLength');
      return composeAgain(c, app, params.slug, form, { warning: <p class="field-error">{t(lang, 'groups.error.postLength')}</p>, media: shownMedia });
    }
    if (media.errors.media) return composeAgain(c, app, params.slug, form, { media: shownMedia });
    const missingAlt = imagesMissingAlt(media.uploads, form);
    if (missingAlt.length) return composeAgain(c, app, params.slug, form, { media: { ...shownMedia, missingAlt } });
    if (access.group.visibility === 'public') {
      const matches = personalDataToConfirm(form, 'public', parsed.data.text);
      if (matches.length) return composeAgain(c, app, params.slug, form, { warning: <PersonalDataWarning lang={lang} matches={matches} kind="post" visibility="public" />, media: shownMedia });
    }
    let row;
    try {
      row = await createGroupPost(app, access, { ...parsed.data, media_ids: media.uploads.map((u) => u.id) }, parsed.data.parent_id ?? null);
    } catch (err) {
      // An upload that cannot be attached: the composer again, with what was typed.
      if (!(err instanceof AppError) || err.code !== 'validation_failed' || !isPost) throw err;
      return composeAgain(c, app, params.slug, form, { media: { ...shownMedia, error: errorText(lang, err) } });
    }
    return c.redirect(`/groups/${params.slug}#p-${row.id}`, 303);
  },
});

const pseudonymForm = defineFormRoute({
  path: `/groups/${SLUG}/pseudonym`,
  summary: 'Set the pseudonym you may post under in a group',
  auth: 'user',
  scope: 'write:accounts',
  params: slugParam,
  body: pseudonymInput,
  handler: async ({ c, app, viewer, params, body }) => {
    const access = await groupBySlug(app, viewer, params.slug);
    await setPseudonym(app, viewer, access.group.id, body.pseudonym);
    return back(c, params.slug, 'saved');
  },
});

const MEMBER_ACTIONS = ['approve', 'refuse', 'remove', 'ban', 'unban', 'moderator', 'member', 'transfer'] as const;
const memberForm = defineFormRoute({
  path: `/groups/${SLUG}/members/:action{approve|refuse|remove|ban|unban|moderator|member|transfer}`,
  summary: "Act on a group's member: approve, refuse, remove, ban, unban (moderators); roles and hand-over (owner)",
  auth: 'user',
  scope: 'write:follows',
  params: z.object({ slug: slugParam.shape.slug, action: z.enum(MEMBER_ACTIONS) }),
  body: accountInput,
  handler: async ({ c, app, viewer, params, body }) => {
    const { group } = await groupBySlug(app, viewer, params.slug);
    const a = params.action;
    if (a === 'moderator' || a === 'member') await setMemberRole(app, viewer, group.id, body.account_id, a);
    else if (a === 'transfer') await transferOwnership(app, viewer, group.id, body.account_id);
    else await actOnMember(app, viewer, group.id, body.account_id, a);
    return c.redirect(`/groups/${params.slug}/members?notice=done`, 303);
  },
});

const inviteForm = defineFormRoute({
  path: `/groups/${SLUG}/invite`,
  summary: 'Invite someone to a group, optionally as an expert (moderators)',
  auth: 'user',
  scope: 'write:follows',
  params: slugParam,
  body: inviteInput,
  rateLimits: GROUP_INVITE_LIMITS,
  handler: async ({ c, app, viewer, params, body }) => {
    const { group } = await groupBySlug(app, viewer, params.slug);
    await inviteToGroup(app, viewer, group.id, body.username, body.expert);
    return c.redirect(`/groups/${params.slug}/members?notice=done`, 303);
  },
});

const resourceForm = defineFormRoute({
  path: `/groups/${SLUG}/resources`,
  summary: 'Add a resource to a group (moderators)',
  auth: 'user',
  scope: 'write:statuses',
  params: slugParam,
  body: resourceInput,
  handler: async ({ c, app, viewer, params, body }) => {
    const { group } = await groupBySlug(app, viewer, params.slug);
    await addResource(app, viewer, group.id, body);
    return c.redirect(`/groups/${params.slug}/resources?notice=done`, 303);
  },
});

const resourceDeleteForm = defineFormRoute({
  path: `/group_resources/${ID}/delete`,
  summary: "Delete a group's resource (moderators)",
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    const resource = await removeResource(app, viewer, params.id);
    return c.redirect(`/groups/${await slugOfGroup(app, resource.group_id)}/resources?notice=done`, 303);
  },
});

const postActionForm = defineFormRoute({
  path: `/group_posts/${ID}/:action{like|unlike|pin|unpin|delete}`,
  summary: 'Like, unlike, pin, unpin (moderators) or delete (author) a group post',
  auth: 'user',
  scope: 'write:favourites',
  params: z.object({ id: idParam.shape.id, action: z.enum(['like', 'unlike', 'pin', 'unpin', 'delete']) }),
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    const { post, access } = await postWithAccess(app, viewer, params.id);
    const a = params.action;
    if (a === 'like' || a === 'unlike') await likeGroupPost(app, viewer, post.id, a === 'like');
    else if (a === 'pin' || a === 'unpin') await pinGroupPost(app, viewer, post.id, a === 'pin');
    else await deleteOwnGroupPost(app, viewer, post.id);
    return c.redirect(`/groups/${access.group.slug}${a === 'delete' ? '' : `#p-${post.parent_id ?? post.id}`}`, 303);
  },
});

const removePostForm = defineFormRoute({
  path: `/group_posts/${ID}/remove`,
  summary: 'Remove a group post with a reason (moderators)',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: reasonInput,
  handler: async ({ c, app, viewer, params, body }) => {
    const { access } = await postWithAccess(app, viewer, params.id);
    await removeGroupPost(app, viewer, params.id, body.reason);
    return back(c, access.group.slug);
  },
});

const reportPostForm = defineFormRoute({
  path: `/group_posts/${ID}/report`,
  summary: "Report a group post to the group's moderators",
  auth: 'user',
  scope: 'write:reports',
  params: idParam,
  body: reportInput,
  rateLimits: GROUP_REPORT_LIMITS,
  handler: async ({ c, app, viewer, params, body }) => {
    const { access } = await postWithAccess(app, viewer, params.id);
    await reportGroupPost(app, viewer, params.id, body.comment);
    return back(c, access.group.slug, 'reported');
  },
});

const resolveReportForm = defineFormRoute({
  path: `/group_reports/${ID}/resolve`,
  summary: "Settle a report of a group's queue: dismiss, remove the post, or send it to Medired's moderators",
  auth: 'user',
  scope: 'write:reports',
  params: idParam,
  body: reportDecisionInput,
  handler: async ({ c, app, viewer, params, body }) => {
    const row = await resolveGroupReport(app, viewer, params.id, body.action, body.reason);
    const report = await findGroupReport(app.db, row.id);
    return c.redirect(`/groups/${await slugOfGroup(app, report!.group_id)}/moderation?notice=done`, 303);
  },
});

export { CONFIRM_PERSONAL_DATA };

/** The support groups' web forms. */
export const groupFormRoutes: AnyRoute[] = [
  createForm,
  settingsForm,
  leaveForm,
  postForm,
  pseudonymForm,
  memberForm,
  inviteForm,
  resourceForm,
  membershipForm,
  resourceDeleteForm,
  postActionForm,
  removePostForm,
  reportPostForm,
  resolveReportForm,
];
