import sharp from 'sharp';
import { issueAccessToken } from '../auth/access-tokens.js';
import type { TestApp, TestUser } from '../testing/test-app.js';

/** A moderator or admin (TOTP enabled by `setStaffRole`) with a token that has the admin scopes. */
export async function staffUser(t: TestApp, role: 'moderator' | 'admin', overrides: Parameters<TestApp['createUser']>[0] = {}): Promise<TestUser> {
  const user = await t.createUser(overrides);
  await t.setStaffRole(user, role);
  const token = await issueAccessToken(t.ctx.db, { userId: user.userId, applicationId: null, scopes: 'read write follow push admin:read admin:write' });
  return { ...user, token: token.access_token };
}

/** A status written straight into the database (with the author's counter), for moderation tests. */
export async function insertStatus(t: TestApp, accountId: string, text: string, visibility: 'public' | 'private' = 'public'): Promise<string> {
  const row = await t.ctx.db
    .insertInto('statuses')
    .values({ account_id: accountId, content_source: text, content_html: `<p>${text}</p>`, visibility, in_reply_to_id: null, in_reply_to_account_id: null, reblog_of_id: null, cover_media_id: null, reading_time_minutes: null, application_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db.updateTable('accounts').set((eb) => ({ statuses_count: eb('statuses_count', '+', 1) })).where('id', '=', accountId).execute();
  return row.id;
}

/** A small JPEG carrying EXIF metadata (camera make), to check that it is stripped. */
export async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#0b6e69' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCam', Copyright: 'Dr. Private' } })
    .toBuffer();
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
