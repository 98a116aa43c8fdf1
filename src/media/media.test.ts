import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MastodonStatus } from '../posts/status-views.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import type { MastodonMediaAttachment } from './media-entity.js';
import { cleanupUnattachedMedia, MEDIA_CLEANUP_QUEUE } from './media-cleanup.js';
import { buildMp4, buildWebm, DEVICE_MAKE, DEVICE_MODEL, GPS, MDAT_PAYLOAD, RECORDED_ON } from './test-videos.js';
import { encodeTestVideo } from './test-real-videos.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { MEDIA_PROCESS_QUEUE, processQueuedMedia } from './media-processing.js';

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let jpegWithExif: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createUser({ username: 'fotografa' });
  other = await t.createUser({ username: 'curioso' });
  jpegWithExif = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCam', Model: 'GPS-Leaker 3000', Copyright: 'Paciente Anónima' } })
    .toBuffer();
});
afterAll(async () => {
  await t.close();
});

function form(data: Uint8Array, type: string, name: string, description?: string): FormData {
  const fd = new FormData();
  fd.append('file', new File([new Uint8Array(data)], name, { type }));
  if (description !== undefined) fd.append('description', description);
  return fd;
}

async function upload(user: TestUser, fd: FormData, version = 'v2'): Promise<MastodonMediaAttachment> {
  const res = await t.request('POST', `/api/${version}/media`, { token: user.token, form: fd });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as MastodonMediaAttachment;
}

const keyOf = (url: string | null) => decodeURIComponent(new URL(url!).pathname.slice('/media/'.length));
const stored = async (url: string | null) => (await t.ctx.storage.media.read(keyOf(url)))!;
const pathOf = (url: string | null) => new URL(url!).pathname;

describe('uploading (POST /api/v2/media and /api/v1/media)', () => {
  it('re-encodes photos without their EXIF metadata', async () => {
    expect((await sharp(jpegWithExif).metadata()).exif).toBeDefined();
    const media = await upload(owner, form(jpegWithExif, 'image/jpeg', 'foto.jpg', 'Una radiografía'));
    expect(media).toMatchObject({ type: 'image', description: 'Una radiografía', meta: { original: { width: 64, height: 48 } } });
    const file = await stored(media.url);
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(file.includes(Buffer.from('SecretCam'))).toBe(false);
    expect(file.includes(Buffer.from('GPS-Leaker'))).toBe(false);
    expect(media.preview_url).not.toBe(media.url);
  });

  it('accepts the v1 path and images sent as application/octet-stream', async () => {
    const media = await upload(owner, form(jpegWithExif, 'application/octet-stream', 'foto.bin'), 'v1');
    expect(media.type).toBe('image');
  });

  it('stores MP4 and WebM videos without their position, device and creation metadata, and marks undecodable ones failed', async () => {
    for (const [bytes, type, name] of [
      [buildMp4('moov-first'), 'video/mp4', 'clip.mp4'],
      [buildMp4('moov-last-64bit'), 'video/mp4', 'clip.mp4'],
      [buildMp4('gps-track'), 'video/mp4', 'gopro.mp4'],
      [buildWebm(), 'video/webm', 'clip.webm'],
      [buildWebm({ live: true }), 'video/webm', 'clip.webm'],
    ] as const) {
      expect(Buffer.from(bytes).includes(Buffer.from(GPS))).toBe(true);
      const res = await t.request('POST', '/api/v2/media', { token: owner.token, form: form(bytes, type, name) });
      expect(res.status).toBe(202);
      const media = (await res.json()) as MastodonMediaAttachment;
      expect(media).toMatchObject({ type: 'video', url: null, preview_url: null });
      const row = await t.ctx.db.selectFrom('media_attachments').selectAll().where('id', '=', media.id).executeTakeFirstOrThrow();
      const file = (await t.ctx.storage.media.read(row.file_path))!;
      expect(file.length).toBe(bytes.length);
      for (const text of [GPS, DEVICE_MAKE, DEVICE_MODEL, RECORDED_ON]) expect(file.includes(Buffer.from(text)), `${name}: ${text}`).toBe(false);
      expect(file.includes(Buffer.from(MDAT_PAYLOAD))).toBe(true);
      // These files hold no real frames: processing fails, with a reason, and nothing else is lost.
      await runDueJobs(t.ctx, { [MEDIA_PROCESS_QUEUE]: processQueuedMedia });
      const shown = await t.request('GET', `/api/v1/media/${media.id}`, { token: owner.token });
      expect(shown.status).toBe(422);
      expect(((await shown.json()) as { error: string }).error).toMatch(/cannot be played back/);
      expect(await t.ctx.storage.media.exists(row.file_path)).toBe(true);
    }
  });

  it('refuses videos whose container cannot be read (415), keeping nothing', async () => {
    const mp4 = new Uint8Array([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2mp41'), 1, 2, 3]);
    const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...Buffer.from('webm'), 0, 0]);
    const before = await t.ctx.db.selectFrom('media_attachments').select('id').execute();
    for (const [file, type] of [[mp4, 'video/mp4'], [webm, 'video/webm'], [buildMp4().subarray(0, 200), 'video/mp4']] as const) {
      const res = await t.request('POST', '/api/v2/media', { token: owner.token, form: form(file, type, 'clip') });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: string }).error).toMatch(/video/i);
    }
    expect(await t.ctx.db.selectFrom('media_attachments').select('id').execute()).toHaveLength(before.length);
  });

  it('treats AVIF photos as images, not as videos', async () => {
    const avif = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 0, g: 90, b: 200 } } }).avif().toBuffer();
    const media = await upload(owner, form(avif, 'image/avif', 'foto.avif'));
    expect(media.type).toBe('image');
  });

  it('refuses files that are not images or videos, whatever they claim to be (415)', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    for (const type of ['video/mp4', 'image/png', 'text/html']) {
      const res = await t.request('POST', '/api/v2/media', { token: owner.token, form: form(html, type, 'x.mp4') });
      expect(res.status).toBe(415);
    }
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect((await t.request('POST', '/api/v2/media', { token: owner.token, form: form(broken, 'image/jpeg', 'x.jpg') })).status).toBe(415);
  });

  it('needs a signed-in user and a file', async () => {
    expect((await t.request('POST', '/api/v2/media', { form: form(jpegWithExif, 'image/jpeg', 'x.jpg') })).status).toBe(401);
    const fd = new FormData();
    fd.append('description', 'sin archivo');
    expect((await t.request('POST', '/api/v2/media', { token: owner.token, form: fd })).status).toBe(422);
  });
});

describe('reading and describing uploads (GET/PUT /api/v1/media/:id)', () => {
  it('lets only the owner read and describe an upload', async () => {
    const media = await upload(owner, form(jpegWithExif, 'image/jpeg', 'x.jpg'));
    expect((await t.request('GET', `/api/v1/media/${media.id}`, { token: owner.token })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/media/${media.id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/media/${media.id}`)).status).toBe(401);
    const put = await t.request('PUT', `/api/v1/media/${media.id}`, { token: owner.token, json: { description: 'Texto alternativo' } });
    expect(((await put.json()) as MastodonMediaAttachment).description).toBe('Texto alternativo');
    expect((await t.request('PUT', `/api/v1/media/${media.id}`, { token: other.token, json: { description: 'mío' } })).status).toBe(404);
    expect((await t.request('PUT', `/api/v1/media/${media.id}`, { json: { description: 'mío' } })).status).toBe(401);
  });
});

describe('attaching media to statuses', () => {
  it('attaches the owner’s uploads and shows them on the status', async () => {
    const a = await upload(owner, form(jpegWithExif, 'image/jpeg', 'a.jpg', 'uno'));
    const b = await upload(owner, form(jpegWithExif, 'image/jpeg', 'b.jpg'));
    const res = await t.request('POST', '/api/v1/statuses', { token: owner.token, form: { status: '', 'media_ids[]': [a.id, b.id] } });
    expect(res.status).toBe(200);
    const status = (await res.json()) as MastodonStatus;
    expect(status.media_attachments.map((m) => m.id)).toEqual([a.id, b.id]);
    expect(status.media_attachments[0]!.description).toBe('uno');
  });

  it('refuses someone else’s upload and an upload already attached (422)', async () => {
    const mine = await upload(owner, form(jpegWithExif, 'image/jpeg', 'a.jpg'));
    const res = await t.request('POST', '/api/v1/statuses', { token: other.token, json: { status: 'robado', media_ids: [mine.id] } });
    expect(res.status).toBe(422);
    await t.request('POST', '/api/v1/statuses', { token: owner.token, json: { status: 'primero', media_ids: [mine.id] } });
    expect((await t.request('POST', '/api/v1/statuses', { token: owner.token, json: { status: 'segundo', media_ids: [mine.id] } })).status).toBe(422);
  });

  it('refuses more than 4 attachments (422)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await upload(owner, form(jpegWithExif, 'image/jpeg', `${i}.jpg`))).id);
    const res = await t.request('POST', '/api/v1/statuses', { token: owner.token, json: { status: 'muchas', media_ids: ids } });
    expect(res.status).toBe(422);
    const rows = await t.ctx.db.selectFrom('media_attachments').select('status_id').where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status_id === null)).toBe(true);
  });

  it('uses an own image as an article cover, and refuses someone else’s', async () => {
    const cover = await upload(owner, form(jpegWithExif, 'image/jpeg', 'portada.jpg'));
    const res = await t.request('POST', '/api/v1/statuses', { token: owner.token, json: { kind: 'article', title: 'Con portada', status: 'Cuerpo', cover_media_id: cover.id } });
    expect(((await res.json()) as MastodonStatus).medired.cover?.id).toBe(cover.id);
    const stolen = await t.request('POST', '/api/v1/statuses', { token: other.token, json: { kind: 'article', title: 'Robada', status: 'Cuerpo', cover_media_id: cover.id } });
    expect(stolen.status).toBe(422);
  });

  it('lets edits replace the attachments, and only with the author’s own uploads', async () => {
    const a = await upload(owner, form(jpegWithExif, 'image/jpeg', 'a.jpg'));
    const b = await upload(owner, form(jpegWithExif, 'image/jpeg', 'b.jpg'));
    const theirs = await upload(other, form(jpegWithExif, 'image/jpeg', 'c.jpg'));
    const created = (await (await t.request('POST', '/api/v1/statuses', { token: owner.token, json: { status: 'con foto', media_ids: [a.id] } })).json()) as MastodonStatus;
    const edited = await t.request('PUT', `/api/v1/statuses/${created.id}`, { token: owner.token, json: { media_ids: [b.id] } });
    expect(((await edited.json()) as MastodonStatus).media_attachments.map((m) => m.id)).toEqual([b.id]);
    expect((await t.request('PUT', `/api/v1/statuses/${created.id}`, { token: owner.token, json: { media_ids: [theirs.id] } })).status).toBe(422);
  });
});

describe('serving files (GET /media/*)', () => {
  it('serves stored files with their type, nosniff and a long cache', async () => {
    const media = await upload(owner, form(jpegWithExif, 'image/jpeg', 'a.jpg'));
    const res = await t.request('GET', pathOf(media.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('max-age=31536000');
    expect(Buffer.from(await res.arrayBuffer()).subarray(8, 12).toString()).toBe('WEBP');
  });

  it('answers byte ranges for video players: single, open-ended, suffix, and 416 for what cannot be served', async () => {
    const mp4 = await encodeTestVideo('video/mp4');
    const media = await upload(owner, form(mp4, 'video/mp4', 'clip.mp4'), 'v1');
    const stored = (await t.ctx.storage.media.read(keyOf(media.url)))!;
    const size = stored.length;
    const get = (range: string) => t.request('GET', pathOf(media.url), { headers: { range } });
    let res = await get('bytes=4-7');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 4-7/${size}`);
    expect(res.headers.get('content-length')).toBe('4');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('ftyp');
    res = await get(`bytes=${size - 10}-`);
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(stored.subarray(size - 10))).toBe(true);
    res = await get('bytes=-16');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${size - 16}-${size - 1}/${size}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(stored.subarray(size - 16))).toBe(true);
    res = await get(`bytes=0-${size + 1000}`);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 0-${size - 1}/${size}`);
    for (const range of [`bytes=${size}-`, `bytes=${size + 5}-${size + 9}`, 'bytes=-0', 'bytes=9-3', 'bytes=0-1,4-5', 'items=0-1']) {
      res = await get(range);
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range'), range).toBe(`bytes */${size}`);
    }
    res = await t.request('GET', pathOf(media.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(stored)).toBe(true);
  });

  it('never serves anything outside the media folder', async () => {
    for (const p of ['/media/../config.ts', '/media/%2e%2e/%2e%2e/etc/passwd', '/media/..%2f..%2fpackage.json', '/media/attachments/%00.webp', '/media/.hidden.webp', '/media/attachments']) {
      const res = await t.request('GET', p);
      expect(res.status, p).toBe(404);
    }
  });
});

describe('uploads never attached', () => {
  it('are removed, files included, by the job scheduled a day after upload; attached ones and covers stay', async () => {
    const orphan = await upload(owner, form(jpegWithExif, 'image/jpeg', 'o.jpg'));
    const used = await upload(owner, form(jpegWithExif, 'image/jpeg', 'u.jpg'));
    const cover = await upload(owner, form(jpegWithExif, 'image/jpeg', 'c.jpg'));
    await t.request('POST', '/api/v1/statuses', { token: owner.token, json: { status: 'con foto', media_ids: [used.id] } });
    await t.request('POST', '/api/v1/statuses', { token: owner.token, json: { kind: 'article', title: 'Portada', status: 'Cuerpo', cover_media_id: cover.id } });
    const jobs = await t.ctx.db.selectFrom('jobs').select(['payload', 'run_at']).where('queue', '=', MEDIA_CLEANUP_QUEUE).execute();
    const orphanJob = jobs.find((j) => (j.payload as { mediaId: string }).mediaId === orphan.id)!;
    expect(orphanJob.run_at.getTime() - Date.now()).toBeGreaterThan(23 * 60 * 60 * 1000);
    for (const media of [orphan, used, cover]) {
      await cleanupUnattachedMedia(t.ctx, { id: '0', queue: MEDIA_CLEANUP_QUEUE, payload: { mediaId: media.id }, attempt: 1 });
    }
    const left = await t.ctx.db.selectFrom('media_attachments').select('id').where('id', 'in', [orphan.id, used.id, cover.id]).execute();
    expect(left.map((r) => r.id).sort()).toEqual([used.id, cover.id].sort());
    expect(await t.ctx.storage.media.exists(keyOf(orphan.url))).toBe(false);
    expect(await t.ctx.storage.media.exists(keyOf(used.url))).toBe(true);
  });
});
