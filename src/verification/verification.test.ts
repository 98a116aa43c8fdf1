import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { jpegWithExif, json, staffUser } from '../moderation/trust-safety.fixtures.js';

let t: TestApp;
let admin: TestUser;
let moderator: TestUser;
let doctor: TestUser;
let patient: TestUser;
let clinic: TestUser;

interface RequestEntity {
  id: string;
  status: string;
  decision_reason: string | null;
  has_document: boolean;
  document_url?: string | null;
  account?: { id: string };
}
interface Account {
  medired: { verified: boolean; verification_status: string; specialty: string | null };
}

const base = { license_number: '28/123456', issuing_body: 'Colegio de Médicos de Madrid', country: 'es', specialty: 'cardiology' };

function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Uint8Array }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('document', new File([new Uint8Array(file.data)], file.name, { type: file.type }));
  return form;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await staffUser(t, 'admin');
  moderator = await staffUser(t, 'moderator');
  doctor = await t.createUser({ kind: 'professional', profession: 'doctor' });
  patient = await t.createUser();
  clinic = await t.createUser({ kind: 'organization', organization_type: 'clinic' });
});
afterAll(async () => {
  await t.close();
});

describe('verification flow', () => {
  let requestId: string;

  it('lets a professional request verification with a supporting image whose metadata is stripped', async () => {
    const res = await t.request('POST', '/api/v1/medired/verification_requests', {
      token: doctor.token,
      form: multipart(base, { name: 'licence.jpg', type: 'image/jpeg', data: await jpegWithExif() }),
    });
    expect(res.status).toBe(200);
    const body = await json<RequestEntity>(res);
    expect(body.status).toBe('pending');
    expect(body.has_document).toBe(true);
    expect(body.document_url).toBeUndefined();
    requestId = body.id;
    const row = await t.ctx.db.selectFrom('verification_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    expect(row.document_path).toMatch(/^verification\//);
    const stored = await t.request('GET', `/api/v1/medired/admin/verification_requests/${requestId}/document`, { token: moderator.token });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await stored.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    const me = await json<Account>(await t.request('GET', '/api/v1/accounts/verify_credentials', { token: doctor.token }));
    expect(me.medired.verification_status).toBe('pending');
  });

  it('refuses a second open request', async () => {
    const res = await t.request('POST', '/api/v1/medired/verification_requests', { token: doctor.token, json: base });
    expect(res.status).toBe(409);
  });

  it('shows the request in the moderators\' queue with the applicant and a private document link', async () => {
    const res = await t.request('GET', '/api/v1/medired/admin/verification_requests?status=pending', { token: moderator.token });
    expect(res.status).toBe(200);
    const list = await json<RequestEntity[]>(res);
    const entry = list.find((r) => r.id === requestId)!;
    expect(entry.account!.id).toBe(doctor.accountId);
    expect(entry.document_url).toBe(`http://medired.test/api/v1/medired/admin/verification_requests/${requestId}/document`);
  });

  it('asks for more information, and the applicant sees why and resubmits', async () => {
    const ask = await t.request('POST', `/api/v1/medired/admin/verification_requests/${requestId}/request_info`, {
      token: moderator.token,
      json: { reason: 'Adjunta el certificado de colegiación vigente' },
    });
    expect(ask.status).toBe(200);
    expect((await json<RequestEntity>(ask)).status).toBe('needs_info');
    const notes = await json<{ type: string; medired: { decision: string; reason: string } }[]>(
      await t.request('GET', '/api/v1/notifications?types[]=medired.verification', { token: doctor.token }),
    );
    expect(notes[0]!.medired).toMatchObject({ decision: 'needs_info', reason: 'Adjunta el certificado de colegiación vigente' });
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const resubmit = await t.request('PUT', `/api/v1/medired/verification_requests/${requestId}`, {
      token: doctor.token,
      form: multipart({ ...base, note: 'Certificado adjunto' }, { name: 'cert.pdf', type: 'application/pdf', data: pdf }),
    });
    expect(resubmit.status).toBe(200);
    expect((await json<RequestEntity>(resubmit)).status).toBe('pending');
    const doc = await t.request('GET', `/api/v1/medired/admin/verification_requests/${requestId}/document`, { token: admin.token });
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(doc.headers.get('cache-control')).toContain('no-store');
  });

  it('approves: the account becomes verified with the specialty, is notified, and it is audited', async () => {
    const res = await t.request('POST', `/api/v1/medired/admin/verification_requests/${requestId}/approve`, { token: moderator.token, json: {} });
    expect(res.status).toBe(200);
    const account = await json<Account>(await t.request('GET', `/api/v1/accounts/${doctor.accountId}`));
    expect(account.medired).toMatchObject({ verified: true, verification_status: 'verified', specialty: 'cardiology' });
    const notes = await json<{ medired: { decision: string } }[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.verification', { token: doctor.token }));
    expect(notes[0]!.medired.decision).toBe('approved');
    const audit = await json<{ action: string; actor_account_id: string }[]>(
      await t.request('GET', `/api/v1/medired/admin/audit_log?target_account_id=${doctor.accountId}&action=verification`, { token: admin.token }),
    );
    expect(audit.map((a) => a.action)).toEqual(['verification.approve', 'verification.resubmit', 'verification.request_info', 'verification.request']);
    expect(audit[0]!.actor_account_id).toBe(moderator.accountId);
  });

  it('refuses to decide the same request twice', async () => {
    const res = await t.request('POST', `/api/v1/medired/admin/verification_requests/${requestId}/reject`, { token: moderator.token, json: { reason: 'tarde' } });
    expect(res.status).toBe(409);
  });

  it('revokes a verification with a reason the account is told', async () => {
    const res = await t.request('POST', `/api/v1/medired/admin/accounts/${doctor.accountId}/revoke_verification`, {
      token: moderator.token,
      json: { reason: 'Colegiación no vigente' },
    });
    expect(res.status).toBe(200);
    expect((await json<Account>(res)).medired).toMatchObject({ verified: false, verification_status: 'revoked' });
    const mine = await json<RequestEntity[]>(await t.request('GET', '/api/v1/medired/verification_requests', { token: doctor.token }));
    expect(mine[0]).toMatchObject({ status: 'revoked', decision_reason: 'Colegiación no vigente' });
    const notes = await json<{ medired: { decision: string; reason: string } }[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.verification', { token: doctor.token }));
    expect(notes[0]!.medired).toMatchObject({ decision: 'revoked', reason: 'Colegiación no vigente' });
    const again = await t.request('POST', `/api/v1/medired/admin/accounts/${doctor.accountId}/revoke_verification`, { token: moderator.token, json: { reason: 'otra vez' } });
    expect(again.status).toBe(409);
  });

  it('lets an organisation request and tells it the rejection reason', async () => {
    const created = await json<RequestEntity>(
      await t.request('POST', '/api/v1/medired/verification_requests', { token: clinic.token, json: { ...base, specialty: undefined, issuing_body: 'Registro de centros sanitarios' } }),
    );
    const res = await t.request('POST', `/api/v1/medired/admin/verification_requests/${created.id}/reject`, {
      token: moderator.token,
      json: { reason: 'El número de registro no coincide con el centro' },
    });
    expect(res.status).toBe(200);
    const mine = await json<RequestEntity[]>(await t.request('GET', '/api/v1/medired/verification_requests', { token: clinic.token }));
    expect(mine[0]).toMatchObject({ status: 'rejected', decision_reason: 'El número de registro no coincide con el centro' });
    const notes = await json<{ type: string; account: unknown; medired: { decision: string; reason: string } }[]>(
      await t.request('GET', '/api/v1/notifications?types[]=medired.verification', { token: clinic.token }),
    );
    expect(notes[0]).toMatchObject({ type: 'medired.verification', account: { id: '0' }, medired: { decision: 'rejected', reason: 'El número de registro no coincide con el centro' } });
  });

  it('requires a reason to reject', async () => {
    const other = await t.createUser({ kind: 'professional', profession: 'nurse' });
    const created = await json<RequestEntity>(await t.request('POST', '/api/v1/medired/verification_requests', { token: other.token, json: base }));
    const res = await t.request('POST', `/api/v1/medired/admin/verification_requests/${created.id}/reject`, { token: moderator.token, json: {} });
    expect(res.status).toBe(422);
  });
});

describe('verification rules and authorization', () => {
  it('refuses patients', async () => {
    const res = await t.request('POST', '/api/v1/medired/verification_requests', { token: patient.token, json: base });
    expect(res.status).toBe(403);
  });

  it('refuses anonymous requests with 401', async () => {
    expect((await t.request('POST', '/api/v1/medired/verification_requests', { json: base })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/medired/verification_requests')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/medired/admin/verification_requests')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/medired/admin/verification_requests/1/document')).status).toBe(401);
  });

  it('hides the queue, the requests and the documents from non-moderators (403)', async () => {
    const [row] = await t.ctx.db.selectFrom('verification_requests').select('id').limit(1).execute();
    for (const user of [patient, clinic]) {
      expect((await t.request('GET', '/api/v1/medired/admin/verification_requests', { token: user.token })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/medired/admin/verification_requests/${row!.id}`, { token: user.token })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/medired/admin/verification_requests/${row!.id}/document`, { token: user.token })).status).toBe(403);
      expect((await t.request('POST', `/api/v1/medired/admin/verification_requests/${row!.id}/approve`, { token: user.token, json: {} })).status).toBe(403);
      expect((await t.request('POST', `/api/v1/medired/admin/accounts/${clinic.accountId}/revoke_verification`, { token: user.token, json: { reason: 'nope' } })).status).toBe(403);
    }
  });

  it('refuses staff without two-factor authentication', async () => {
    const noTotp = await t.createUser();
    await t.setStaffRole(noTotp, 'moderator', { totp: false });
    expect((await t.request('GET', '/api/v1/medired/admin/verification_requests', { token: noTotp.token })).status).toBe(403);
  });

  it('keeps documents in the private area, outside the public media root, and never serves them under /media', async () => {
    const files = readdirSync(path.join(t.ctx.config.dataDir, 'private', 'verification'), { recursive: true }).map(String).filter((f) => f.includes('.'));
    expect(files.length).toBeGreaterThan(0);
    expect(existsSync(path.join(t.ctx.config.dataDir, 'media', 'private'))).toBe(false);
    expect(existsSync(path.join(t.ctx.config.dataDir, 'media', 'verification'))).toBe(false);
    for (const f of files) {
      const key = `verification/${f.split(path.sep).join('/')}`;
      expect(await t.ctx.storage.private.exists(key)).toBe(true);
      expect(t.ctx.storage.private.url(key)).toBeNull();
      for (const p of [`/media/${key}`, `/media/private/${key}`, `/media/../private/${key}`, `/private-media/${key}`]) expect((await t.request('GET', p)).status, p).toBe(404);
    }
  });

  it('validates documents by their bytes, not their name', async () => {
    const user = await t.createUser({ kind: 'professional', profession: 'dentist' });
    const fake = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const res = await t.request('POST', '/api/v1/medired/verification_requests', {
      token: user.token,
      form: multipart(base, { name: 'licence.pdf', type: 'application/pdf', data: fake }),
    });
    expect(res.status).toBe(415);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const tooBig = await t.request('POST', '/api/v1/medired/verification_requests', {
      token: user.token,
      form: multipart(base, { name: 'big.pdf', type: 'application/pdf', data: big }),
    });
    expect(tooBig.status).toBe(413);
  });

  it('requires a specialty from professionals and a valid country', async () => {
    const user = await t.createUser({ kind: 'professional', profession: 'doctor' });
    expect((await t.request('POST', '/api/v1/medired/verification_requests', { token: user.token, json: { ...base, specialty: undefined } })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/medired/verification_requests', { token: user.token, json: { ...base, country: 'Spain' } })).status).toBe(422);
  });

  it('lets only the applicant update their request', async () => {
    const [row] = await t.ctx.db.selectFrom('verification_requests').select('id').where('account_id', '=', clinic.accountId).execute();
    const res = await t.request('PUT', `/api/v1/medired/verification_requests/${row!.id}`, { token: doctor.token, json: base });
    expect(res.status).toBe(404);
  });
});
