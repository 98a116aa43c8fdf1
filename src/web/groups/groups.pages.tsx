import { findAccountById, findAccountsByIds } from '../../accounts/accounts.repository.js';
import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { readerOf } from '../../auth/reader.js';
import type { Viewer } from '../../auth/viewer.js';
import { GROUP_LIMITS } from '../../groups/groups.js';
import { isGroupOwner, mayModerateGroup, mayReadGroupContent, mayTakePart } from '../../groups/groups.policy.js';
import { findDirectoryTags, findGroupsOfMember, findMembers, findMembershipsOf, findResources, type GroupRow, type MemberRow } from '../../groups/groups.repository.js';
import { findGroupPost } from '../../groups/group-posts.repository.js';
import { groupFeed, repliesOf } from '../../groups/group-posts.service.js';
import { groupReportQueue } from '../../groups/group-reports.service.js';
import { groupBySlug, listDirectory, type GroupAccess } from '../../groups/groups.service.js';
import { toFeedEntities, toGroupEntity, toMemberEntities, toPostEntities } from '../../groups/groups.serializer.js';
import type { HonoEnv } from '../../http/hono-env.js';
import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FileField, FormErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { Pagination } from '../components/pagination.js';
import { signInRedirect } from '../forms.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage, type PageStatus } from '../layout.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';
import { Composer, GroupPost, GroupTabs, VisibilityBadge, type GroupComposerMedia } from './group-parts.js';

export const groupsHead = <link rel="stylesheet" href={staticUrl('groups.css')} />;

const NOTICES = ['created', 'saved', 'joined', 'left', 'done', 'reported', 'requested'] as const;

function NoticeFlash({ lang, url }: { lang: Lang; url: string }) {
  const n = noticeFrom(url);
  if (!n || !(NOTICES as readonly string[]).includes(n)) return null;
  const key = n === 'reported' ? 'groups.reported' : n === 'requested' ? 'groups.requested' : (`groups.notice.${n}` as const);
  return <Flash kind="success">{t(lang, key as 'groups.reported')}</Flash>;
}

/** The group form: creating (with the organisation choice) or the owner's settings. */
export function GroupForm({ lang, viewer, values, errors, action, organisation }: { lang: Lang; viewer: Viewer; values: Record<string, unknown>; errors?: FieldErrors | undefined; action: string; organisation: boolean }) {
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : Array.isArray(values[k]) ? (values[k] as string[]).join(', ') : '');
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="card group-form">
      <CsrfField viewer={viewer} />
      <FormErrorSummary lang={lang} errors={errors} />
      <TextField name="name" label={t(lang, 'groups.field.name')} value={v('name')} maxLength={GROUP_LIMITS.name} required error={errors?.name} />
      <TextArea name="description" label={t(lang, 'groups.field.description')} value={v('description')} rows={4} maxLength={GROUP_LIMITS.description} error={errors?.description} />
      <TextArea name="rules" label={t(lang, 'groups.field.rules')} value={v('rules')} rows={4} maxLength={GROUP_LIMITS.rules} error={errors?.rules} />
      <FileField name="cover" label={t(lang, 'groups.field.cover')} accept="image/*" error={errors?.cover ?? errors?.cover_media_id} />
      <TextField name="tags" label={t(lang, 'groups.field.tags')} value={v('tags')} maxLength={400} error={errors?.tags} />
      <SelectField
        name="visibility"
        label={t(lang, 'groups.field.visibility')}
        value={v('visibility') || 'public'}
        hint={`${t(lang, 'groups.public')}: ${t(lang, 'groups.publicHint')} ${t(lang, 'groups.private')}: ${t(lang, 'groups.privateHint')}`}
        options={[
          { value: 'public', label: t(lang, 'groups.public') },
          { value: 'private', label: t(lang, 'groups.private') },
        ]}
        error={errors?.visibility}
      />
      {organisation ? (
        <label class="confirm-check">
          <input type="checkbox" name="organisation" value="true" checked={values.organisation === 'true'} />
          <span>{t(lang, 'groups.field.organisation')}</span>
        </label>
      ) : null}
      <p>
        <button type="submit" class="button">
          {t(lang, action === '/groups' ? 'groups.create' : 'groups.save')}
        </button>
      </p>
    </form>
  );
}

export async function renderGroupForm(c: WebContext, app: AppContext, viewer: Viewer, values: Record<string, unknown>, errors?: FieldErrors, status: PageStatus = 200) {
  const lang = c.get('lang');
  const account = await findAccountById(app.db, viewer.accountId);
  return renderPage(
    c,
    { title: t(lang, 'groups.new'), noindex: true, head: groupsHead, section: 'groups' },
    <section class="narrow">
      <h1>{t(lang, 'groups.new')}</h1>
      <GroupForm lang={lang} viewer={viewer} values={values} errors={errors} action="/groups" organisation={account?.kind === 'organization'} />
    </section>,
    errors ? (status === 200 ? 422 : status) : status,
  );
}

function GroupCard({ lang, group, membership, org }: { lang: Lang; group: GroupRow; membership: MemberRow | undefined; org: string | null }) {
  return (
    <li class="card group-card">
      <h2 class="group-card-title">
        <a href={`/groups/${group.slug}`}>{group.name}</a> <VisibilityBadge lang={lang} visibility={group.visibility} />
      </h2>
      {group.description ? <p class="group-card-description">{group.description.slice(0, 240)}</p> : null}
      <p class="group-meta">
        {t(lang, 'groups.members', { count: group.members_count })}
        {org ? ` · ${t(lang, 'groups.runBy')} ${org}` : ''}
        {membership?.state === 'active' ? ` · ${t(lang, `groups.role.${membership.role}`)}` : ''}
      </p>
      {group.tags.length ? (
        <ul class="tag-list">
          {group.tags.map((tag) => (
            <li>
              <a href={`/groups?tag=${encodeURIComponent(tag)}`}>{tag}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The group's header: name, visibility, who runs it, tags, and the viewer's way in or out. */
function GroupHeader({ lang, access, current, cover, org }: { lang: Lang; access: GroupAccess; current: string; cover?: string | null; org?: MastodonAccount | null }) {
  const { group, membership, viewer } = access;
  const m = membership;
  const base = `/groups/${group.slug}`;
  const readable = mayReadGroupContent(group, m);
  return (
    <header class="page-header group-header">
      {cover ? <img class="group-cover" src={cover} alt="" width={1200} height={300} /> : null}
      <h1>
        {group.name} <VisibilityBadge lang={lang} visibility={group.visibility} />
      </h1>
      {group.description ? <p class="group-description">{group.description}</p> : null}
      <p class="group-meta">
        {t(lang, 'groups.members', { count: group.members_count })}
        {org ? (
          <>
            {' · '}
            {t(lang, 'groups.runBy')} <a href={`/@${org.acct}`}>{org.display_name || org.username}</a>
          </>
        ) : null}
      </p>
      {group.tags.length ? (
        <ul class="tag-list">
          {group.tags.map((tag) => (
            <li>
              <a href={`/groups?tag=${encodeURIComponent(tag)}`}>{tag}</a>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="group-membership">
        {!viewer ? (
          <a class="button" href={`/auth/sign_in?return_to=${encodeURIComponent(base)}`}>
            {t(lang, 'groups.signInToJoin')}
          </a>
        ) : !m ? (
          <form method="post" action={`${base}/join`} class="inline-form">
            <CsrfField viewer={viewer} />
            <button type="submit" class="button">
              {t(lang, group.visibility === 'private' ? 'groups.askToJoin' : 'groups.join')}
            </button>
          </form>
        ) : m.state === 'pending' ? (
          <>
            <p>{t(lang, 'groups.requested')}</p>
            <form method="post" action={`${base}/leave`} class="inline-form">
              <CsrfField viewer={viewer} />
              <button type="submit" class="button button-secondary">{t(lang, 'groups.withdraw')}</button>
            </form>
          </>
        ) : m.state === 'invited' ? (
          <>
            <p>{t(lang, m.expert ? 'groups.invitedExpert' : 'groups.invited')}</p>
            <form method="post" action={`${base}/accept`} class="inline-form">
              <CsrfField viewer={viewer} />
              <button type="submit" class="button">{t(lang, 'groups.accept')}</button>
            </form>{' '}
            <form method="post" action={`${base}/decline`} class="inline-form">
              <CsrfField viewer={viewer} />
              <button type="submit" class="button button-secondary">{t(lang, 'groups.decline')}</button>
            </form>
          </>
        ) : m.state === 'banned' ? (
          <p>{t(lang, 'groups.banned')}</p>
        ) : (
          <a class="button button-secondary button-small" href={`${base}/leave`}>
            {t(lang, 'groups.leave')}
          </a>
        )}
      </div>
      <GroupTabs lang={lang} group={group} current={current} moderates={mayModerateGroup(viewer, m)} owns={isGroupOwner(viewer, m)} readable={readable} />
    </header>
  );
}

async function pageAccess(c: WebContext, app: AppContext): Promise<GroupAccess> {
  return groupBySlug(app, readerOf(c.get('viewer')), c.req.param('slug') ?? '');
}

function ClosedGroup({ lang, group }: { lang: Lang; group: GroupRow }) {
  return (
    <>
      <Flash kind="info">{t(lang, 'groups.privateNotice')}</Flash>
      {group.rules ? (
        <section class="card">
          <h2 class="section-title">{t(lang, 'groups.rules')}</h2>
          <p class="group-post-text">{group.rules}</p>
        </section>
      ) : null}
    </>
  );
}

/** The feed page, also shown again by the post form (with the personal-data warning and what was typed). */
export async function renderFeed(c: WebContext, app: AppContext, access: GroupAccess, composer?: { value: string; warning: unknown; media?: GroupComposerMedia }) {
  const lang = c.get('lang');
  const { group, membership, viewer } = access;
  const readable = mayReadGroupContent(group, membership);
  const head = (
    <>
      {groupsHead}
      {group.visibility === 'private' ? <meta name="robots" content="noindex" /> : null}
    </>
  );
  const entity = await toGroupEntity(app, access);
  const meta = { title: group.name, description: group.description.slice(0, 200), head, section: 'groups' as const, ...(group.visibility === 'private' ? { noindex: true } : {}) };
  if (!readable) {
    return renderPage(c, meta, <><GroupHeader lang={lang} access={access} current="" cover={entity.cover} org={entity.organisation} /><ClosedGroup lang={lang} group={group} /></>);
  }
  const maxId = c.req.query('max_id');
  const feed = await groupFeed(app, access, { maxId: maxId && /^\d{1,19}$/.test(maxId) ? maxId : undefined, limit: 20 });
  const posts = await toFeedEntities(app, access, feed);
  const can = { takesPart: mayTakePart(viewer, membership), moderates: mayModerateGroup(viewer, membership) };
  const resources = await findResources(app.db, group.id);
  return renderPage(
    c,
    meta,
    <>
      <GroupHeader lang={lang} access={access} current="" cover={entity.cover} org={entity.organisation} />
      <NoticeFlash lang={lang} url={c.req.url} />
      <div class="group-layout">
        <aside class="group-aside">
          {group.rules ? (
            <details class="card" open={!membership || membership.state !== 'active' ? true : undefined}>
              <summary>{t(lang, 'groups.rules')}</summary>
              <p class="group-post-text">{group.rules}</p>
            </details>
          ) : null}
          {resources.length ? (
            <details class="card">
              <summary>{t(lang, 'groups.resources')}</summary>
              <ul class="group-resources">
                {resources.map((r) => (
                  <li>
                    <a href={r.url} rel="noopener nofollow ugc" target="_blank">{r.title}</a>
                    {r.note ? <p>{r.note}</p> : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </aside>
        <div class="group-main">
          {can.takesPart && viewer && membership ? (
            <>
              <Composer lang={lang} viewer={viewer} group={group} membership={membership} value={composer?.value ?? ''} {...(composer?.media ? { media: composer.media } : {})}>
                {composer?.warning}
              </Composer>
              <details class="card group-pseudonym">
                <summary>{t(lang, 'groups.pseudonymTitle')}{membership.pseudonym ? `: ${membership.pseudonym}` : ''}</summary>
                <form method="post" action={`/groups/${group.slug}/pseudonym`}>
                  <CsrfField viewer={viewer} />
                  <p class="field-hint">{t(lang, 'groups.pseudonymHint')}</p>
                  <TextField name="pseudonym" label={t(lang, 'groups.pseudonymous')} value={membership.pseudonym ?? ''} maxLength={GROUP_LIMITS.pseudonym} />
                  <button type="submit" class="button button-small">{t(lang, 'groups.pseudonymSave')}</button>
                </form>
              </details>
            </>
          ) : null}
          <h2 class="visually-hidden">{t(lang, 'groups.feed')}</h2>
          {posts.length ? posts.map((p) => <GroupPost lang={lang} viewer={viewer} group={group} membership={membership} post={p} can={can} />) : <p class="empty-state">{t(lang, 'groups.noPosts')}</p>}
          <Pagination lang={lang} url={c.req.url} nextMaxId={feed.nextMaxId} />
        </div>
      </div>
    </>,
  );
}

function MemberActions({ viewer, slug, accountId, actions, lang }: { viewer: Viewer; slug: string; accountId: string; actions: [string, string][]; lang: Lang }) {
  return (
    <div class="group-member-actions">
      {actions.map(([action, key]) => (
        <form method="post" action={`/groups/${slug}/members/${action}`} class="inline-form">
          <CsrfField viewer={viewer} />
          <input type="hidden" name="account_id" value={accountId} />
          <button type="submit" class={action === 'ban' || action === 'remove' || action === 'refuse' ? 'button button-small button-danger' : 'button button-small button-secondary'}>
            {t(lang, key as 'groups.approve')}
          </button>
        </form>
      ))}
    </div>
  );
}

/** `/groups` (directory by condition and name), a group's pages, and the forms' pages. */
export function mountGroupPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/groups', async (c) => {
    const lang = c.get('lang');
    const viewer = readerOf(c.get('viewer'));
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const tag = (c.req.query('tag') ?? '').trim().toLowerCase().slice(0, 40);
    const maxId = c.req.query('max_id');
    const page = await listDirectory(app, { q: q || undefined, tag: tag || undefined, max_id: maxId && /^\d{1,19}$/.test(maxId) ? maxId : undefined, limit: 20 });
    const [tags, memberships, mine] = await Promise.all([
      findDirectoryTags(app.db, 20),
      viewer ? findMembershipsOf(app.db, viewer.accountId, page.groups.map((g) => g.id)) : Promise.resolve([]),
      viewer ? findGroupsOfMember(app.db, viewer.accountId) : Promise.resolve([]),
    ]);
    const byGroup = new Map(memberships.map((m) => [m.group_id, m]));
    const orgIds = page.groups.map((g) => g.organisation_account_id).filter((x): x is string => !!x);
    const orgs = new Map((await findAccountsByIds(app.db, orgIds)).map((a) => [a.id, a.display_name || a.username]));
    return renderPage(
      c,
      { title: t(lang, 'groups.title'), description: t(lang, 'groups.lead'), head: groupsHead, section: 'groups' },
      <>
        <header class="page-header">
          <h1>{t(lang, 'groups.title')}</h1>
          <p>{t(lang, 'groups.lead')}</p>
          {viewer ? (
            <p>
              <a class="button" href="/groups/new">{t(lang, 'groups.new')}</a>
            </p>
          ) : null}
        </header>
        <form method="get" action="/groups" class="card group-search" role="search">
          <div class="group-search-field">
            <label for="g-q">{t(lang, 'groups.searchLabel')}</label>
            <input id="g-q" name="q" type="search" value={q} maxLength={100} />
          </div>
          <div class="group-search-field">
            <label for="g-tag">{t(lang, 'groups.filterTag')}</label>
            <select id="g-tag" name="tag">
              <option value="">{t(lang, 'groups.allTags')}</option>
              {tags.map((x) => (
                <option value={x} selected={x === tag}>
                  {x}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button-small">{t(lang, 'groups.search')}</button>
        </form>
        {mine.length ? (
          <section aria-labelledby="my-groups">
            <h2 id="my-groups" class="section-title">{t(lang, 'groups.mine')}</h2>
            <ul class="tag-list">
              {mine.map((g) => (
                <li>
                  <a href={`/groups/${g.slug}`}>{g.name}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {page.groups.length ? (
          <ul class="plain-list group-list">
            {page.groups.map((g) => (
              <GroupCard lang={lang} group={g} membership={byGroup.get(g.id)} org={g.organisation_account_id ? (orgs.get(g.organisation_account_id) ?? null) : null} />
            ))}
          </ul>
        ) : (
          <p class="empty-state">{t(lang, 'groups.none')}</p>
        )}
        <Pagination lang={lang} url={c.req.url} nextMaxId={page.nextMaxId} />
      </>,
    );
  });

  hono.get('/groups/new', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    return renderGroupForm(c, app, viewer, {});
  });

  hono.get('/groups/:slug{[a-z0-9-]{3,60}}', async (c) => renderFeed(c, app, await pageAccess(c, app)));

  // One post with all its replies (where a reply notification leads).
  hono.get('/groups/:slug{[a-z0-9-]{3,60}}/posts/:id{[0-9]{1,19}}', async (c) => {
    const lang = c.get('lang');
    const access = await pageAccess(c, app);
    if (!mayReadGroupContent(access.group, access.membership)) return renderFeed(c, app, access);
    const { post, replies } = await repliesOf(app, access.viewer, c.req.param('id'));
    if (post.group_id !== access.group.id) return c.redirect(`/groups/${access.group.slug}`, 303);
    const [entity] = await toPostEntities(app, access, [post], new Map([[post.id, replies]]));
    const can = { takesPart: mayTakePart(access.viewer, access.membership), moderates: mayModerateGroup(access.viewer, access.membership) };
    return renderPage(
      c,
      { title: access.group.name, head: groupsHead, section: 'groups', ...(access.group.visibility === 'private' ? { noindex: true } : {}) },
      <>
        <GroupHeader lang={lang} access={access} current="" />
        {entity ? <GroupPost lang={lang} viewer={access.viewer} group={access.group} membership={access.membership} post={entity} can={can} /> : null}
        <p>
          <a href={`/groups/${access.group.slug}`}>← {t(lang, 'groups.feed')}</a>
        </p>
      </>,
    );
  });

  hono.get('/groups/:slug{[a-z0-9-]{3,60}}/members', async (c) => {
    const lang = c.get('lang');
    const access = await pageAccess(c, app);
    const { group, membership, viewer } = access;
    if (!mayReadGroupContent(group, membership)) return renderFeed(c, app, access);
    const moderates = mayModerateGroup(viewer, membership);
    const owns = isGroupOwner(viewer, membership);
    const active = await toMemberEntities(app, access, await findMembers(app.db, group.id, 'active', 500));
    const rawActive = moderates ? await findMembers(app.db, group.id, 'active', 500) : [];
    const [pending, invited, banned] = moderates ? await Promise.all((['pending', 'invited', 'banned'] as const).map((s) => findMembers(app.db, group.id, s, 200))) : [[], [], []];
    const people = async (rows: MemberRow[]) => toMemberEntities(app, access, rows);
    const idOf = (i: number, rows: MemberRow[]) => rows[i]!.account_id;
    const [pendingE, invitedE, bannedE] = await Promise.all([people(pending!), people(invited!), people(banned!)]);
    const List = ({ entities, rows, actions }: { entities: Awaited<ReturnType<typeof people>>; rows: MemberRow[]; actions: (m: MemberRow) => [string, string][] }) => (
      <ul class="plain-list group-members">
        {entities.map((m, i) => (
          <li class="card group-member">
            {m.account ? (
              <AccountName account={m.account} lang={lang} avatarSize={40} />
            ) : (
              <span class="account-name">
                <img class="avatar" src={m.avatar} alt="" width={40} height={40} />
                <span class="account-name-text"><bdi class="display-name">{m.pseudonym}</bdi><span class="handle">{t(lang, 'groups.pseudonymous')}</span></span>
              </span>
            )}
            {m.state === 'active' ? <span class="group-chip">{t(lang, `groups.role.${m.role}`)}</span> : null}
            {m.expert ? <span class="group-chip group-chip-expert">{t(lang, 'groups.expert')}</span> : null}
            {m.account && m.pseudonym ? <span class="group-chip">{t(lang, 'groups.pseudonymous')}: {m.pseudonym}</span> : null}
            {moderates && viewer && rows[i] ? <MemberActions viewer={viewer} slug={group.slug} accountId={idOf(i, rows)} actions={actions(rows[i]!)} lang={lang} /> : null}
          </li>
        ))}
      </ul>
    );
    const activeActions = (m: MemberRow): [string, string][] => {
      if (m.account_id === viewer?.accountId || m.role === 'owner') return [];
      const list: [string, string][] = [];
      if (owns) list.push(m.role === 'moderator' ? ['member', 'groups.makeMember'] : ['moderator', 'groups.makeModerator'], ['transfer', 'groups.transfer']);
      if (owns || m.role === 'member') list.push(['remove', 'groups.remove'], ['ban', 'groups.ban']);
      return list;
    };
    return renderPage(
      c,
      { title: `${t(lang, 'groups.membersPage')} · ${group.name}`, noindex: true, head: groupsHead, section: 'groups' },
      <>
        <GroupHeader lang={lang} access={access} current="/members" />
        <NoticeFlash lang={lang} url={c.req.url} />
        {moderates && viewer ? (
          <>
            <section aria-labelledby="pending">
              <h2 id="pending" class="section-title">{t(lang, 'groups.pending')}</h2>
              {pendingE.length ? <List entities={pendingE} rows={pending!} actions={() => [['approve', 'groups.approve'], ['refuse', 'groups.refuse']]} /> : <p class="empty-state">—</p>}
            </section>
            <form method="post" action={`/groups/${group.slug}/invite`} class="card group-invite">
              <CsrfField viewer={viewer} />
              <TextField name="username" label={t(lang, 'groups.inviteUsername')} required maxLength={31} />
              <label class="confirm-check">
                <input type="checkbox" name="expert" value="true" />
                <span>{t(lang, 'groups.inviteExpert')}</span>
              </label>
              <p>
                <button type="submit" class="button button-small">{t(lang, 'groups.invite')}</button>
              </p>
            </form>
          </>
        ) : null}
        <section aria-labelledby="active">
          <h2 id="active" class="section-title">{t(lang, 'groups.membersPage')}</h2>
          <List entities={active} rows={moderates ? rawActive : []} actions={activeActions} />
        </section>
        {moderates && invitedE.length ? (
          <section>
            <h2 class="section-title">{t(lang, 'groups.invitations')}</h2>
            <List entities={invitedE} rows={invited!} actions={() => []} />
          </section>
        ) : null}
        {moderates && bannedE.length ? (
          <section>
            <h2 class="section-title">{t(lang, 'groups.bannedList')}</h2>
            <List entities={bannedE} rows={banned!} actions={() => [['unban', 'groups.unban']]} />
          </section>
        ) : null}
      </>,
    );
  });

  hono.get('/groups/:slug{[a-z0-9-]{3,60}}/resources', async (c) => {
    const lang = c.get('lang');
    const access = await pageAccess(c, app);
    const { group, membership, viewer } = access;
    if (!mayReadGroupContent(group, membership)) return renderFeed(c, app, access);
    const moderates = mayModerateGroup(viewer, membership);
    const resources = await findResources(app.db, group.id);
    return renderPage(
      c,
      { title: `${t(lang, 'groups.resources')} · ${group.name}`, head: groupsHead, section: 'groups', ...(group.visibility === 'private' ? { noindex: true } : {}) },
      <>
        <GroupHeader lang={lang} access={access} current="/resources" />
        <NoticeFlash lang={lang} url={c.req.url} />
        {resources.length ? (
          <ul class="plain-list group-resources">
            {resources.map((r) => (
              <li class="card">
                <a href={r.url} rel="noopener nofollow ugc" target="_blank">{r.title}</a>
                {r.note ? <p>{r.note}</p> : null}
                {moderates ? (
                  <form method="post" action={`/group_resources/${r.id}/delete`} class="inline-form">
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="link-button">{t(lang, 'common.delete')}</button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty-state">{t(lang, 'groups.noResources')}</p>
        )}
        {moderates && viewer ? (
          <form method="post" action={`/groups/${group.slug}/resources`} class="card group-form">
            <CsrfField viewer={viewer} />
            <TextField name="title" label={t(lang, 'groups.resourceTitle')} required maxLength={GROUP_LIMITS.resourceTitle} />
            <TextField name="url" type="url" label={t(lang, 'groups.resourceUrl')} required maxLength={GROUP_LIMITS.url} />
            <TextField name="note" label={t(lang, 'groups.resourceNote')} maxLength={GROUP_LIMITS.note} />
            <button type="submit" class="button button-small">{t(lang, 'groups.resourceAdd')}</button>
          </form>
        ) : null}
      </>,
    );
  });

  hono.get('/groups/:slug{[a-z0-9-]{3,60}}/moderation', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    const access = await pageAccess(c, app);
    const reports = await groupReportQueue(app, viewer, access.group.id);
    const rows = (await Promise.all(reports.map((r) => findGroupPost(app.db, r.post_id)))).filter((p) => !!p);
    const posts = new Map((await toPostEntities(app, access, rows)).map((p) => [p.id, p]));
    const can = { takesPart: false, moderates: false };
    return renderPage(
      c,
      { title: `${t(lang, 'groups.moderation')} · ${access.group.name}`, noindex: true, head: groupsHead, section: 'groups' },
      <>
        <GroupHeader lang={lang} access={access} current="/moderation" />
        <NoticeFlash lang={lang} url={c.req.url} />
        <h2 class="section-title">{t(lang, 'groups.reportsQueue')}</h2>
        {reports.length === 0 ? <p class="empty-state">{t(lang, 'groups.noReports')}</p> : null}
        {reports.map((r) => {
          const post = posts.get(r.post_id);
          return (
            <section class="card group-report">
              {r.comment ? <p class="group-report-comment">«{r.comment}»</p> : null}
              {post ? <GroupPost lang={lang} viewer={access.viewer} group={access.group} membership={access.membership} post={{ ...post, replies: [] }} can={can} reply /> : null}
              <form method="post" action={`/group_reports/${r.id}/resolve`} class="group-report-actions">
                <CsrfField viewer={viewer} />
                <label for={`rn-${r.id}`}>{t(lang, 'groups.reasonOptional')}</label>
                <input type="text" id={`rn-${r.id}`} name="reason" maxLength={GROUP_LIMITS.reason} />
                <button type="submit" name="action" value="dismiss" class="button button-small button-secondary">{t(lang, 'groups.dismiss')}</button>
                <button type="submit" name="action" value="remove" class="button button-small button-danger">{t(lang, 'groups.removePost')}</button>
                <button type="submit" name="action" value="escalate" class="button button-small">{t(lang, 'groups.escalate')}</button>
              </form>
            </section>
          );
        })}
      </>,
    );
  });

  hono.get('/groups/:slug{[a-z0-9-]{3,60}}/settings', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    const access = await pageAccess(c, app);
    if (!mayReadGroupContent(access.group, access.membership)) return renderFeed(c, app, access);
    if (!isGroupOwner(access.viewer, access.membership)) return c.redirect(`/groups/${access.group.slug}`, 303);
    const g = access.group;
    return renderPage(
      c,
      { title: `${t(lang, 'groups.settings')} · ${g.name}`, noindex: true, head: groupsHead, section: 'groups' },
      <>
        <GroupHeader lang={lang} access={access} current="/settings" />
        <NoticeFlash lang={lang} url={c.req.url} />
        <GroupForm lang={lang} viewer={viewer} values={{ name: g.name, description: g.description, rules: g.rules, tags: g.tags.join(', '), visibility: g.visibility }} action={`/groups/${g.slug}/settings`} organisation={false} />
      </>,
    );
  });

  hono.get('/groups/:slug{[a-z0-9-]{3,60}}/leave', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    const access = await pageAccess(c, app);
    if (access.membership?.state !== 'active') return c.redirect(`/groups/${access.group.slug}`, 303);
    const owner = access.membership.role === 'owner';
    return renderPage(
      c,
      { title: t(lang, 'groups.leaveTitle', { name: access.group.name }), noindex: true, head: groupsHead, section: 'groups' },
      <section class="narrow">
        <h1>{t(lang, 'groups.leaveTitle', { name: access.group.name })}</h1>
        {owner ? (
          <p>
            {t(lang, 'groups.leaveOwner')} <a href={`/groups/${access.group.slug}/members`}>{t(lang, 'groups.membersPage')}</a>
          </p>
        ) : (
          <form method="post" action={`/groups/${access.group.slug}/leave`} class="card">
            <CsrfField viewer={viewer} />
            <fieldset>
              <label class="confirm-check">
                <input type="radio" name="posts" value="keep" checked />
                <span>{t(lang, 'groups.leaveKeep')}</span>
              </label>
              <label class="confirm-check">
                <input type="radio" name="posts" value="delete" />
                <span>{t(lang, 'groups.leaveDelete')}</span>
              </label>
            </fieldset>
            <button type="submit" class="button button-danger">{t(lang, 'groups.leave')}</button>
          </form>
        )}
      </section>,
    );
  });
}
