import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../infra/test-s3-server.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import type { MastodonStatus } from '../posts/status-views.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { deletePublicCopies, MEDIA_PUBLIC_COPIES_QUEUE } from './media-cleanup.js';
import type { MastodonMediaAttachment } from './media-entity.js';
import { MEDIA_PROCESS_QUEUE, processQueuedMedia } from './media-processing.js';
import { encodeTestVideo } from './test-real-videos.js';

/** The whole app with its files in an S3-compatible bucket (a real S3 server on loopback). */
let s3: TestS3Server;
let t: TestApp;
let author: TestUser;
let reader: TestUser;

beforeAll(async () => {
  s3 = await startS3Server();
  t = await createTestApp(s3.env);
  author = await t.createUser({ username: 's3_autora', kind: 'professional', profession: 'physician', specialty: 'cardiology', license_number: '282877777', license_country: 'ES' } as never);
  await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified', verified_at: new Date() }).where('id', '=', author.accountId).execute();
  reader = await t.createUser({ username: 's3_lectora' });
});
afterAll(async () => {
  await t.close();
  await s3.close();
});

const form = (data: Uint8Array, type: string, name: string) => {
  const fd = new FormData();
  fd.append('file', new File([new Uint8Array(data)], name, { type }));
  return fd;
};
const pathOf = (url: string | null) => new URL(url!).pathname + new URL(url!).search;

describe('media in an S3 bucket', () => {
  it('stores images and videos in the bucket’s media/ prefix and serves them through /media with ranges', async () => {
    expect(t.ctx.storage.media.adapter).toBe('s3');
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a7' } }).jpeg().withExif({ IFD0: { Make: 'SecretCam' } }).toBuffer();
    const image = (await (await t.request('POST', '/api/v2/media', { token: author.token, form: form(photo, 'image/jpeg', 'f.jpg') })).json()) as MastodonMediaAttachment;
    expect(image.url).toMatch(/^http:\/\/medired\.test\/media\/attachments\//);
    const served = await t.request('GET', pathOf(image.url));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.includes(Buffer.from('SecretCam'))).toBe(false);

    const video = await encodeTestVideo('video/mp4');
    const res = await t.request('POST', '/api/v2/media', { token: author.token, form: form(video, 'video/mp4', 'v.mp4') });
    expect(res.status).toBe(202);
    const queued = (await res.json()) as MastodonMediaAttachment;
    await runDueJobs(t.ctx, { [MEDIA_PROCESS_QUEUE]: processQueuedMedia });
    const done = (await (await t.request('GET', `/api/v1/media/${queued.id}`, { token: author.token })).json()) as MastodonMediaAttachment;
    expect(done.preview_url).toMatch(/-poster\.webp$/);
    const part = await t.request('GET', pathOf(done.url), { headers: { range: 'bytes=4-7' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('ftyp');
    expect((await t.request('GET', pathOf(done.url), { headers: { range: 'bytes=-4' } })).status).toBe(206);
    expect((await t.request('GET', pathOf(done.url), { headers: { range: `bytes=${video.length + 50}-` } })).status).toBe(416);

    const keys = await s3.listKeys();
    expect(keys).toEqual(expect.arrayContaining([`media/${new URL(image.url!).pathname.slice('/media/'.length)}`, `media/${new URL(done.preview_url!).pathname.slice('/media/'.length)}`]));
    // The raw uploads waited in private/incoming/ and are gone once processed.
    expect(keys.filter((k) => k.startsWith('private/incoming/'))).toEqual([]);
  });

  it('keeps message attachments and verification documents under private/, never under media/', async () => {
    const photo = await sharp({ create: { width: 80, height: 80, channels: 3, background: '#c33' } }).png().toBuffer();
    const upload = (await (await t.request('POST', '/api/v2/media', { token: author.token, form: form(photo, 'image/png', 'informe.png') })).json()) as MastodonMediaAttachment;
    const sent = await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: '@s3_lectora Su informe', visibility: 'direct', media_ids: [upload.id] } });
    expect(sent.status).toBe(200);
    await runDueJobs(t.ctx, { [MEDIA_PUBLIC_COPIES_QUEUE]: deletePublicCopies });
    const key = new URL(upload.url!).pathname.slice('/media/'.length);
    const keys = await s3.listKeys();
    expect(keys).toContain(`private/${key}`);
    expect(keys).not.toContain(`media/${key}`);
    expect((await t.request('GET', `/media/${key}`)).status).toBe(404);
    const attachment = ((await sent.json()) as MastodonStatus).media_attachments[0]!;
    expect((await t.request('GET', pathOf(attachment.url))).status).toBe(200);

    const doc = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const fd = new FormData();
    fd.set('document', new File([new Uint8Array(doc)], 'colegiacion.jpg', { type: 'image/jpeg' }));
    for (const [k, v] of Object.entries({ license_number: '28/654321', issuing_body: 'Colegio de Médicos de Sevilla', country: 'es', specialty: 'pediatrics' })) fd.set(k, v);
    const applicant = await t.createUser({ username: 's3_pediatra', kind: 'professional', profession: 'doctor' } as never);
    const requested = await t.request('POST', '/api/v1/medired/verification_requests', { token: applicant.token, form: fd });
    expect(requested.status, await requested.clone().text()).toBe(200);
    const after = await s3.listKeys();
    expect(after.some((k) => k.startsWith('private/verification/'))).toBe(true);
    expect(after.some((k) => k.startsWith('media/verification/') || k.startsWith('media/private/'))).toBe(false);
  });
});

describe('media with S3_PUBLIC_URL', () => {
  it('links public files straight to the bucket’s public address, private ones never', async () => {
    const app = await createTestApp({ ...s3.env, S3_PUBLIC_URL: 'https://cdn.medired.example' });
    try {
      const user = await app.createUser({ username: 'cdn_user' });
      const photo = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#999' } }).png().toBuffer();
      const media = (await (await app.request('POST', '/api/v2/media', { token: user.token, form: form(photo, 'image/png', 'p.png') })).json()) as MastodonMediaAttachment;
      expect(media.url).toMatch(/^https:\/\/cdn\.medired\.example\/media\/attachments\/\d+\/[\w-]+\.webp$/);
      expect(media.preview_url).toMatch(/^https:\/\/cdn\.medired\.example\/media\/attachments\/.+-small\.webp$/);
    } finally {
      await app.close();
    }
  });
});
