import { registerContentTarget } from '../moderation/content-targets.js';

/**
 * Complaints and their thread entries as moderation content targets, so the existing report and
 * moderator flow works on them (`target_type` `complaint` and `complaint_entry`). A private
 * complaint's report never tells the reporter anything: it reads as pseudonymous content (no
 * author named, `account_id` not checked) and its snapshot holds no text (moderators read the
 * complaint itself, and that read is audited). Hiding a complaint is removing it (kept in the
 * database, hidden from the public); hiding an entry hides its text.
 */
registerContentTarget('complaint', {
  async authorOf(db, id) {
    const row = await db.selectFrom('complaints').select('complainant_id').where('id', '=', id).executeTakeFirst();
    return row?.complainant_id ?? null;
  },
  async shownUnderPseudonym(db, id) {
    const row = await db.selectFrom('complaints').select('visibility').where('id', '=', id).executeTakeFirst();
    return !row || row.visibility === 'private';
  },
  async snapshot(db, id) {
    const row = await db.selectFrom('complaints').select(['id', 'target_id', 'visibility', 'state', 'subject', 'body', 'created_at']).where('id', '=', id).executeTakeFirst();
    return row ? { complaint: row } : {};
  },
  async setHidden(db, id, hidden) {
    await db
      .updateTable('complaints')
      .set(hidden ? { removed_at: new Date() } : { removed_at: null, removed_by: null, removal_reason: null })
      .where('id', '=', id)
      .execute();
  },
});

registerContentTarget('complaint_entry', {
  async authorOf(db, id) {
    const row = await db.selectFrom('complaint_entries').select('account_id').where('id', '=', id).executeTakeFirst();
    return row?.account_id ?? null;
  },
  async shownUnderPseudonym(db, id) {
    const row = await db
      .selectFrom('complaint_entries as e')
      .innerJoin('complaints as c', 'c.id', 'e.complaint_id')
      .select('c.visibility')
      .where('e.id', '=', id)
      .executeTakeFirst();
    return !row || row.visibility === 'private';
  },
  async snapshot(db, id) {
    const row = await db.selectFrom('complaint_entries').select(['id', 'complaint_id', 'kind', 'body', 'created_at']).where('id', '=', id).executeTakeFirst();
    return row ? { complaint_entry: row } : {};
  },
  async setHidden(db, id, hidden) {
    await db.updateTable('complaint_entries').set({ hidden_at: hidden ? new Date() : null }).where('id', '=', id).execute();
  },
});
