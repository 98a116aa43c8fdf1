import { registerContentTarget } from '../moderation/content-targets.js';
import { findComplaintForModeration, findEntryForModeration, setComplaintRemoved, setEntryHidden } from './complaints.repository.js';

/**
 * Complaints and their thread entries as moderation content targets, so the existing report and
 * moderator flow works on them (`target_type` `complaint` and `complaint_entry`). A private
 * complaint's report never tells the reporter anything: it reads as pseudonymous content (no
 * author named, `account_id` not checked) and its snapshot holds no text (moderators read the
 * complaint itself, and that read is audited). Hiding a complaint is removing it (kept in the
 * database, hidden from the public, the moderator's reason shown to the parties); hiding an entry
 * hides its text.
 */
registerContentTarget('complaint', {
  async authorOf(db, id) {
    return (await findComplaintForModeration(db, id))?.complainant_id ?? null;
  },
  async shownUnderPseudonym(db, id) {
    const row = await findComplaintForModeration(db, id);
    return !row || row.visibility === 'private';
  },
  async snapshot(db, id) {
    const row = await findComplaintForModeration(db, id);
    if (!row) return {};
    const { complainant_id: _complainant, ...rest } = row;
    return { complaint: row.visibility === 'private' ? { ...rest, subject: null, body: null } : rest };
  },
  async setHidden(db, id, hidden, by) {
    await setComplaintRemoved(db, id, hidden, by);
  },
});

registerContentTarget('complaint_entry', {
  async authorOf(db, id) {
    return (await findEntryForModeration(db, id))?.account_id ?? null;
  },
  async shownUnderPseudonym(db, id) {
    const row = await findEntryForModeration(db, id);
    return !row || row.visibility === 'private';
  },
  async snapshot(db, id) {
    const row = await findEntryForModeration(db, id);
    if (!row) return {};
    const { account_id: _author, visibility, ...rest } = row;
    return { complaint_entry: visibility === 'private' ? { ...rest, body: null } : rest };
  },
  async setHidden(db, id, hidden) {
    await setEntryHidden(db, id, hidden);
  },
});
