import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import { registerAccount, updateProfile } from '../accounts/accounts.service.js';
import { follow } from '../relations/follows.service.js';
import { ALL_SCOPES, type Viewer } from '../auth/viewer.js';
import { createStatus } from '../posts/statuses.service.js';
import { favourite, reblog } from '../posts/interactions.service.js';
import { createVerificationRequest, decideVerificationRequest } from '../verification/verification.service.js';
import { DEMO_ACCOUNTS, DEMO_FOLLOWS, DEMO_PASSWORD, type DemoAccount } from './demo.accounts.js';
import { DEMO_POSTS } from './demo.posts.js';
import { seedDemoHealthContent } from './demo.health.js';
import { seedDemoMessages } from './demo.messages.js';
import { seedDemoComplaints } from './demo.complaints.js';
import { seedDemoCareRequests } from './demo.care-requests.js';
import { seedDemoGroups } from './demo.groups.js';
import { seedDemoPolls } from './demo.polls.js';
import { seedDemoAnnouncements } from './demo.announcements.js';
import { seedDemoPromotions } from './demo.promotions.js';
import { seedDemoAnalytics, seedDemoAnalyticsHistory } from './demo.analytics.js';
import { seedDemoMedia } from './demo.media.js';
import { seedDemoPipelineMedia } from './demo.pipeline-media.js';
import { DIRECTORY_ACCOUNTS, DIRECTORY_FOLLOWS, seedDemoDirectory } from './demo.directory.js';
import { refreshInfluence } from '../influence/influence.service.js';

/** Every account of the demo world: the people of `demo.accounts.ts`, then the directory's. */
export const ALL_DEMO_ACCOUNTS: DemoAccount[] = [...DEMO_ACCOUNTS, ...DIRECTORY_ACCOUNTS];
import { seedDemoNotificationFiltering } from './demo.notification-filtering.js';

/** A viewer acting as one demo account (the services take the same viewer a request would). */
export type DemoViewers = Map<string, Viewer>;

async function viewerOf(app: AppContext, accountId: string): Promise<Viewer> {
  const row = await app.db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.id', 'users.staff_role', 'users.locale', 'accounts.username'])
    .where('users.account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return {
    userId: row.id,
    accountId,
    username: row.username,
    staffRole: row.staff_role,
    locale: row.locale,
    scopes: [...ALL_SCOPES],
    via: 'session',
    tokenId: null,
    sessionId: null,
    csrfToken: null,
    applicationId: null,
    mfaPending: false,
    mfaEnabled: true,
    suspended: false,
  };
}

async function createDemoAccount(app: AppContext, demo: DemoAccount): Promise<Viewer> {
  const r = demo.registration;
  const registered = await registerAccount(app.db, {
    ...r,
    email: `${r.username}@demo.medired.invalid`,
    password: DEMO_PASSWORD,
    agreement: true,
    locale: r.locale ?? 'es',
  });
  await updateProfile(app, registered.accountId, {
    note: demo.bio,
    ...(demo.website ? { website: demo.website } : {}),
    ...(demo.links ? { fields_attributes: demo.links } : {}),
  });
  if (demo.staffRole) await app.db.updateTable('users').set({ staff_role: demo.staffRole }).where('id', '=', registered.userId).execute();
  return viewerOf(app, registered.accountId);
}

/** Professionals and organisations ask for verification; the admin approves those marked verified. */
async function verifyDemoAccounts(app: AppContext, viewers: DemoViewers, admin: Viewer): Promise<void> {
  for (const demo of ALL_DEMO_ACCOUNTS) {
    const r = demo.registration;
    if (r.kind === 'patient' || !r.license_number) continue;
    const viewer = viewers.get(r.username)!;
    const request = await createVerificationRequest(app, viewer.accountId, {
      license_number: r.license_number,
      issuing_body: r.kind === 'organization' ? 'Registro de centros sanitarios' : 'Colegio profesional',
      country: r.license_country ?? 'ES',
      specialty: r.specialty,
      note: '',
    });
    if (demo.verified) {
      await decideVerificationRequest(app.db, admin.accountId, request.id, 'approve', { reason: 'Colegiación comprobada en el registro público' });
    }
  }
}

/** Spreads the demo posts over the last days, so timelines read like a living network. */
async function backdate(app: AppContext, ids: string[]): Promise<void> {
  const hours = 5;
  for (const [index, id] of ids.entries()) {
    const when = new Date(Date.now() - (ids.length - index) * hours * 3_600_000);
    await app.db.updateTable('statuses').set({ created_at: when }).where('id', '=', id).execute();
    await app.db.updateTable('statuses').set({ created_at: when }).where('reblog_of_id', '=', id).execute();
  }
  await sql`UPDATE accounts SET last_status_at = s.latest FROM (
    SELECT account_id, max(created_at) AS latest FROM statuses GROUP BY account_id) s
    WHERE s.account_id = accounts.id`.execute(app.db);
}

async function createDemoPosts(app: AppContext, viewers: DemoViewers): Promise<void> {
  const ids: string[] = [];
  for (const post of DEMO_POSTS) {
    const author = viewers.get(post.author)!;
    const id =
      post.kind === 'note'
        ? await createStatus(app, author, {
            status: post.text,
            visibility: post.visibility ?? 'public',
            kind: 'note',
            language: 'es',
            ...(post.replyTo !== undefined ? { in_reply_to_id: ids[post.replyTo] } : {}),
          })
        : await createStatus(app, author, { status: post.body, title: post.title, kind: 'article', visibility: 'public', language: 'es' });
    ids.push(id);
    for (const name of post.likedBy ?? []) await favourite(app, viewers.get(name)!, id);
    for (const name of post.rebloggedBy ?? []) await reblog(app, viewers.get(name)!, id);
  }
  await backdate(app, ids);
}

/**
 * Loads the demo world into an empty instance: accounts of every kind (the first is the admin),
 * verification decisions, follows, posts, articles, likes, reposts, questions with answers, an
 * active health alert, private conversations, a pending message request and complaints in every state. Does nothing when the instance already has accounts.
 */
export async function seedDemoWorldIfEmpty(app: AppContext): Promise<void> {
  const any = await app.db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const log = app.log.child('demo');
  log.info('loading the demo world', { accounts: ALL_DEMO_ACCOUNTS.length, posts: DEMO_POSTS.length });
  const viewers: DemoViewers = new Map();
  for (const demo of ALL_DEMO_ACCOUNTS) viewers.set(demo.registration.username, await createDemoAccount(app, demo));
  const admin = viewers.get(DEMO_ACCOUNTS[0]!.registration.username)!;
  log.info('demo world: accounts created');
  await verifyDemoAccounts(app, viewers, admin);
  for (const [from, to] of [...DEMO_FOLLOWS, ...DIRECTORY_FOLLOWS]) await follow(app, viewers.get(from)!.accountId, viewers.get(to)!.accountId);
  // Older posts of the accounts with statistics first, so that ids keep the order of time.
  await seedDemoAnalyticsHistory(app, viewers);
  await createDemoPosts(app, viewers);
  log.info('demo world: posts and articles created');
  await seedDemoHealthContent(app, viewers);
  await seedDemoMessages(app, viewers);
  await seedDemoComplaints(app, viewers);
  await seedDemoCareRequests(app, viewers);
  await seedDemoGroups(app, viewers);
  await seedDemoPolls(app, viewers);
  await seedDemoAnnouncements(app, viewers);
  await seedDemoPromotions(app, viewers);
  await seedDemoAnalytics(app, viewers);
  await seedDemoMedia(app, viewers);
  await seedDemoPipelineMedia(app, viewers);
  await seedDemoDirectory(app, viewers);
  await seedDemoNotificationFiltering(app, viewers);
  // The demo world is older than its first day: its readers count as established accounts.
  await sql`UPDATE accounts SET created_at = created_at - interval '120 days'`.execute(app.db);
  // Influence scores of every professional and organisation, as the recurring job would compute them.
  const scored = await refreshInfluence(app, { maxAccounts: 10_000 });
  log.info('demo world: directory and influence scores', { scored });
  log.info('demo world ready', { password: 'see README (demo accounts share one password)' });
}
