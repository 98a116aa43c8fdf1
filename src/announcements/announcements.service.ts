import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import { invalid, notFound } from '../errors.js';
import { escapeHtml } from '../text/markdown.js';
import { addReaction,
  countReactionsOf,
  deleteAnnouncement,
  dismiss,
  dismissedBy,
  findActiveAnnouncement,
  findActiveAnnouncements,
  insertAnnouncement,
  reactionCounts,
  removeReaction,
  updateAnnouncement,
  type AnnouncementRow,
  type AnnouncementValues, findAnnouncementForUpdate } from './announcements.repository.js';

/** Mastodon's Announcement entity. */
export interface AnnouncementEntity {
  id: string;
  content: string;
  starts_at: string | null;
  ends_at: string | null;
  all_day: boolean;
  published: boolean;
  published_at: string | null;
  updated_at: string;
  read?: boolean;
  mentions: never[];
  statuses: never[];
  tags: never[];
  emojis: never[];
  reactions: { name: string; count: number; me?: boolean }[];
}

/** An announcement's text (plain, as admins write it) as HTML: paragraphs and line breaks. */
export function announcementHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** One emoji (Medired has no custom emojis): the only names a reaction may have. */
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2})(?:\uFE0F|\p{Emoji_Modifier}|\u20E3|\u200D(?:\p{Extended_Pictographic}|\p{Regional_Indicator}))*$/u;
/** How many different reactions one account may leave on one announcement (Mastodon allows few). */
const MAX_REACTIONS_PER_ACCOUNT = 8;

async function toEntities(app: AppContext, rows: AnnouncementRow[], accountId: string | null): Promise<AnnouncementEntity[]> {
  const ids = rows.map((r) => r.id);
  const [dismissed, reactions] = await Promise.all([accountId ? dismissedBy(app.db, accountId, ids) : Promise.resolve(new Set<string>()), reactionCounts(app.db, ids, accountId)]);
  return rows.map((r) => ({
    id: r.id,
    content: announcementHtml(r.text),
    starts_at: r.starts_at?.toISOString() ?? null,
    ends_at: r.ends_at?.toISOString() ?? null,
    all_day: r.all_day,
    published: r.published,
    published_at: (r.published_at ?? r.created_at).toISOString(),
    updated_at: r.updated_at.toISOString(),
    ...(accountId ? { read: dismissed.has(r.id) } : {}),
    mentions: [],
    statuses: [],
    tags: [],
    emojis: [],
    reactions: reactions.filter((x) => x.announcement_id === r.id).map((x) => ({ name: x.name, count: Number(x.count), ...(accountId ? { me: Number(x.me) === 1 } : {}) })),
  }));
}

/** The announcements a reader sees now; dismissed ones only with `withDismissed`. */
export async function listAnnouncements(app: AppContext, accountId: string, withDismissed: boolean): Promise<AnnouncementEntity[]> {
  const entities = await toEntities(app, await findActiveAnnouncements(app.db, new Date()), accountId);
  return withDismissed ? entities : entities.filter((e) => !e.read);
}

async function visible(app: AppContext, id: string): Promise<AnnouncementRow> {
  const row = await findActiveAnnouncement(app.db, id, new Date());
  if (!row) throw notFound('Announcement');
  return row;
}

export async function dismissAnnouncement(app: AppContext, accountId: string, id: string): Promise<void> {
  await visible(app, id);
  await dismiss(app.db, accountId, id);
}

export async function reactToAnnouncement(app: AppContext, accountId: string, id: string, name: string): Promise<void> {
  await visible(app, id);
  if (!EMOJI.test(name)) throw invalid('Validation failed: name must be an emoji', 'name');
  if ((await countReactionsOf(app.db, id, accountId)) >= MAX_REACTIONS_PER_ACCOUNT) throw invalid(`Validation failed: at most ${MAX_REACTIONS_PER_ACCOUNT} reactions per announcement`, 'name');
  await addReaction(app.db, id, accountId, name);
}

export async function unreactToAnnouncement(app: AppContext, accountId: string, id: string, name: string): Promise<void> {
  await visible(app, id);
  if (!(await removeReaction(app.db, id, accountId, name))) throw notFound('Reaction');
}

// ---- administrators ----

export async function adminAnnouncementEntities(app: AppContext, rows: AnnouncementRow[]): Promise<AnnouncementEntity[]> {
  return toEntities(app, rows, null);
}

function checkDates(values: Partial<AnnouncementValues>, current?: AnnouncementRow): void {
  const starts = values.starts_at !== undefined ? values.starts_at : (current?.starts_at ?? null);
  const ends = values.ends_at !== undefined ? values.ends_at : (current?.ends_at ?? null);
  if (starts && ends && ends <= starts) throw invalid('Validation failed: ends_at must be after starts_at', 'ends_at');
}

export async function publishAnnouncement(app: AppContext, adminAccountId: string, values: AnnouncementValues): Promise<AnnouncementEntity> {
  checkDates(values);
  const row = await app.db.transaction().execute(async (trx) => {
    const created = await insertAnnouncement(trx, { ...values, created_by_account_id: adminAccountId });
    await recordAudit(trx, { actorAccountId: adminAccountId, action: 'announcement.create', targetType: 'announcement', targetId: created.id, data: { text: created.text } });
    return created;
  });
  return (await adminAnnouncementEntities(app, [row]))[0]!;
}

export async function editAnnouncement(app: AppContext, adminAccountId: string, id: string, changes: Partial<AnnouncementValues>): Promise<AnnouncementEntity> {
  const row = await app.db.transaction().execute(async (trx) => {
    const current = await findAnnouncementForUpdate(trx, id);
    if (!current) throw notFound('Announcement');
    checkDates(changes, current);
    // Published now for the first time: that is its publication date.
    const publishedAt = changes.published === true && !current.published_at ? new Date() : undefined;
    const updated = await updateAnnouncement(trx, id, changes, publishedAt);
    await recordAudit(trx, { actorAccountId: adminAccountId, action: 'announcement.update', targetType: 'announcement', targetId: id, data: { before: current.text, after: updated!.text } });
    return updated!;
  });
  return (await adminAnnouncementEntities(app, [row]))[0]!;
}

export async function withdrawAnnouncement(app: AppContext, adminAccountId: string, id: string): Promise<void> {
  await app.db.transaction().execute(async (trx) => {
    const current = await findAnnouncementForUpdate(trx, id);
    if (!current || !(await deleteAnnouncement(trx, id))) throw notFound('Announcement');
    await recordAudit(trx, { actorAccountId: adminAccountId, action: 'announcement.delete', targetType: 'announcement', targetId: id, data: { text: current.text } });
  });
}
