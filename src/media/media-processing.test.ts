import sharp from 'sharp';
import { isBlurhashValid } from 'blurhash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaAttachment } from '../http/mastodon-entities/entities.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import type { MastodonStatus } from '../posts/status-views.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { staffUser } from '../moderation/trust-safety.fixtures.js';
import { ORIGINAL_MAX_PIXELS, SMALL_MAX_PIXELS } from './image-variants.js';
import type { MastodonMediaAttachment } from './media-entity.js';
import { MEDIA_PROCESS_QUEUE, processQueuedMedia } from './media-processing.js';
import { encodeTestVideo } from './test-real-videos.js';
import { DEVICE_MAKE, DEVICE_MODEL, GPS, RECORDED_ON } from './test-videos.js';
import { extractPoster } from './video-poster.js';
import { movePrivateMediaOutOfPublicArea } from './private-media-migration.js';

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let mp4: Uint8Array;
let webm: Uint8Array;
/** A photo whose EXIF holds the camera and the place it was taken (GPS). */
let gpsPhoto: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.createUser({ username: 'videoclinica' });
  other = await t.createUser({ username: 'mirona' });
  [mp4, webm] = [await encodeTestVideo('video/mp4', { width: 160, height: 90 }), await encodeTestVideo('video/webm')];
  gpsPhoto = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: DEVICE_MAKE, Model: DEVICE_MODEL }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 25/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '3/1 42/1 0/1' } })
    .toBuffer();
});
afterAll(async () => {
  await t.close();
});

const form = (data: Uint8Array, type: string, name: string, extra: Record<string, string> = {}) => {
  const fd = new FormData();
  fd.append('file', new File([new Uint8Array(data)], name, { type }));
  for (const [k, v] of Object.entries(extra)) fd.append(k, v);
  return fd;
};
const post = (user: TestUser, fd: FormData, version = 'v2') => t.request('POST', `/api/${version}/media`, { token: user.token, form: fd });
const show = (user: TestUser, id: string) => t.request('GET', `/api/v1/media/${id}`, { token: user.token });
const runJobs = () => runDueJobs(t.ctx, { [MEDIA_PROCESS_QUEUE]: processQueuedMedia });
const path = (url: string | null) => new URL(url!).pathname + new URL(url!).search;
const fetchBytes = async (url: string | null) => Buffer.from(await (await t.request('GET', path(url))).arrayBuffer());
const postStatus = (user: TestUser, body: Record<string, unknown>) => t.request('POST', '/api/v1/statuses', { token: user.token, json: body });

/** Checks the entity against Mastodon's MediaAttachment schema and the shape of its `meta`. */
function expectMastodonShape(media: MastodonMediaAttachment): void {
  expect(MediaAttachment.safeParse(media).error?.issues ?? []).toEqual([]);
  // Mastodon's video `original` is { width, height, frame_rate, duration, bitrate }; images' and every `small` has size and aspect.
  for (const key of media.type === 'video' ? (['small'] as const) : (['original', 'small'] as const)) {
    const size = media.meta![key]!;
    expect(size.size).toBe(`${size.width}x${size.height}`);
    expect(size.aspect).toBeCloseTo(size.width / size.height, 10);
  }
  expect(isBlurhashValid(media.blurhash!)).toEqual({ result: true });
  // 4x4 components, as Mastodon: 1 size character, 1 for the maximum, 4 for the average colour, 2 per other component.
  expect(media.blurhash).toHaveLength(6 + 2 * 15);
}

describe('images', () => {
  it('are processed at once when small (200): original and small sizes, blurhash, no EXIF or GPS left', async () => {
    expect((await sharp(gpsPhoto).metadata()).exif!.includes(Buffer.from(DEVICE_MAKE))).toBe(true);
    const res = await post(owner, form(gpsPhoto, 'image/jpeg', 'consulta.jpg', { description: 'Sala de espera', focus: '-0.5,0.25' }));
    expect(res.status).toBe(200);
    const media = (await res.json()) as MastodonMediaAttachment;
    expectMastodonShape(media);
    expect(media).toMatchObject({ type: 'image', description: 'Sala de espera', meta: { original: { width: 1200, height: 800, size: '1200x800', aspect: 1.5 }, focus: { x: -0.5, y: 0.25 } } });
    const small = media.meta!.small!;
    expect(small.width * small.height).toBeLessThanOrEqual(SMALL_MAX_PIXELS);
    expect(small.width * small.height).toBeGreaterThan(SMALL_MAX_PIXELS * 0.98);
    expect(small.aspect).toBeCloseTo(1.5, 2);
    for (const [url, size] of [[media.url, media.meta!.original!], [media.preview_url, small]] as const) {
      const bytes = await fetchBytes(url);
      const meta = await sharp(bytes).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'webp', width: size.width, height: size.height });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      for (const text of [DEVICE_MAKE, DEVICE_MODEL, 'GPS']) expect(bytes.includes(Buffer.from(text)), text).toBe(false);
    }
  });

  it('refuses a file with an image name and type whose content is something else (415, nothing stored)', async () => {
    const before = await t.ctx.db.selectFrom('media_attachments').select('id').execute();
    for (const [bytes, type, name] of [
      [new TextEncoder().encode('<svg onload="alert(1)"></svg>'), 'image/jpeg', 'radiografia.jpg'],
      [new TextEncoder().encode('#!/bin/sh\nrm -rf /'), 'image/png', 'foto.png'],
      [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4), 'image/png', 'rota.png'],
    ] as const) {
      const res = await post(owner, form(bytes, type, name));
      expect(res.status, name).toBe(415);
      expect(((await res.json()) as { error: string }).error, name).toMatch(/image|video/i);
    }
    expect(await t.ctx.db.selectFrom('media_attachments').select('id').execute()).toHaveLength(before.length);
  });

  it('are processed in the background when large (202, url null; 206 while processing; 200 when done), and cannot be attached before', async () => {
    // 10 million pixels: above Mastodon's `original` bound, so it is made smaller.
    const large = await sharp({ create: { width: 4000, height: 2500, channels: 3, background: { r: 200, g: 60, b: 30 } } }).jpeg().withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 25/1 0/1' } }).toBuffer();
    const res = await post(owner, form(large, 'image/jpeg', 'grande.jpg'));
    expect(res.status).toBe(202);
    const queued = (await res.json()) as MastodonMediaAttachment;
    expect(queued).toMatchObject({ type: 'image', url: null, preview_url: null, blurhash: null });
    expect(MediaAttachment.safeParse(queued).success).toBe(true);
    expect((await show(owner, queued.id)).status).toBe(206);
    expect((await show(other, queued.id)).status).toBe(404);
    // The raw upload, EXIF and all, waits in the private area only.
    const row = await t.ctx.db.selectFrom('media_attachments').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow();
    expect(row.incoming_path).toMatch(/^incoming\//);
    expect(await t.ctx.storage.private.exists(row.incoming_path!)).toBe(true);
    expect(await t.ctx.storage.media.exists(row.incoming_path!)).toBe(false);
    expect(await t.ctx.storage.media.exists(row.file_path)).toBe(false);
    const early = await postStatus(owner, { status: 'Demasiado pronto', media_ids: [queued.id] });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: string }).error).toMatch(/not finished processing/);

    expect(await runJobs()).toBeGreaterThan(0);
    const done = await show(owner, queued.id);
    expect(done.status).toBe(200);
    const media = (await done.json()) as MastodonMediaAttachment;
    expectMastodonShape(media);
    const original = media.meta!.original!;
    expect(original.width * original.height).toBeLessThanOrEqual(ORIGINAL_MAX_PIXELS);
    expect(original.width / original.height).toBeCloseTo(1.6, 2);
    expect((await sharp(await fetchBytes(media.url)).metadata()).exif).toBeUndefined();
    expect(await t.ctx.storage.private.exists(row.incoming_path!)).toBe(false);
    const status = await postStatus(owner, { status: 'Ahora sí', media_ids: [queued.id] });
    expect(status.status).toBe(200);
    expect(((await status.json()) as MastodonStatus).media_attachments[0]).toMatchObject({ id: queued.id, url: media.url, blurhash: media.blurhash, meta: media.meta });
  });

  it('that turn out unreadable in the background are marked failed with a reason (GET 422), and cannot be attached', async () => {
    const whole = await sharp({ create: { width: 4000, height: 2500, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    // The header (and so the size) reads, the picture does not: it is cut in half.
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const res = await post(owner, form(cut, 'image/jpeg', 'cortada.jpg', { description: 'Se conserva' }));
    expect(res.status).toBe(202);
    const queued = (await res.json()) as MastodonMediaAttachment;
    await runJobs();
    const failed = await show(owner, queued.id);
    expect(failed.status).toBe(422);
    expect(((await failed.json()) as { error: string }).error).toMatch(/could not be decoded|not an image/);
    const row = await t.ctx.db.selectFrom('media_attachments').selectAll().where('id', '=', queued.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ processing: 'failed' });
    expect(row.processing_error).toMatch(/image/);
    const attach = await postStatus(owner, { status: 'rota', media_ids: [queued.id] });
    expect(attach.status).toBe(422);
    expect(((await attach.json()) as { error: string }).error).toMatch(/could not be processed/);
    // A JPEG start with nothing readable behind it is refused at once, before anything is queued.
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3 * 1024 * 1024, 7)]);
    expect((await post(owner, form(fake, 'image/jpeg', 'falsa.jpg'))).status).toBe(415);
  });

  it('take a focal point on upload and later (PUT focus), refusing values out of range', async () => {
    const small = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).png().toBuffer();
    const media = (await (await post(owner, form(small, 'image/png', 'p.png'))).json()) as MastodonMediaAttachment;
    expect(media.meta!.focus).toBeUndefined();
    const put = await t.request('PUT', `/api/v1/media/${media.id}`, { token: owner.token, json: { focus: '0.3,-1' } });
    expect(put.status).toBe(200);
    expect(((await put.json()) as MastodonMediaAttachment).meta).toMatchObject({ focus: { x: 0.3, y: -1 }, original: { width: 64 } });
    for (const focus of ['2,0', 'a,b', '0.5', '0.1;0.2']) {
      const bad = await t.request('PUT', `/api/v1/media/${media.id}`, { token: owner.token, json: { focus } });
      expect(bad.status, focus).toBe(422);
    }
    expect((await t.request('PUT', `/api/v1/media/${media.id}`, { token: other.token, json: { focus: '0,0' } })).status).toBe(404);
  });
});

describe('videos', () => {
  it('MP4: 202, 206 while the poster is made, then 200 with poster, blurhash and Mastodon’s video meta; no metadata left; still plays', async () => {
    expect(Buffer.from(mp4).includes(Buffer.from(GPS))).toBe(true);
    const res = await post(owner, form(mp4, 'video/mp4', 'explicacion.mp4', { description: 'Cómo medir la tensión' }));
    expect(res.status).toBe(202);
    const queued = (await res.json()) as MastodonMediaAttachment;
    expect(queued).toMatchObject({ type: 'video', url: null, preview_url: null });
    expect((await show(owner, queued.id)).status).toBe(206);
    expect((await postStatus(owner, { status: 'vídeo', media_ids: [queued.id] })).status).toBe(422);

    await runJobs();
    const done = await show(owner, queued.id);
    expect(done.status).toBe(200);
    const media = (await done.json()) as MastodonMediaAttachment;
    expectMastodonShape(media);
    expect(media.meta).toMatchObject({
      length: '0:00:02.00',
      duration: 2,
      fps: 10,
      size: '160x90',
      width: 160,
      height: 90,
      original: { width: 160, height: 90, frame_rate: '10/1', duration: 2 },
      small: { width: 160, height: 90, size: '160x90' },
    });
    expect(media.meta!.original!.bitrate).toBeGreaterThan(0);
    const poster = await sharp(await fetchBytes(media.preview_url)).metadata();
    expect({ format: poster.format, width: poster.width, height: poster.height }).toEqual({ format: 'webp', width: 160, height: 90 });

    const served = await fetchBytes(media.url);
    expect(served.length).toBe(mp4.length);
    for (const text of [GPS, DEVICE_MAKE, DEVICE_MODEL, RECORDED_ON]) expect(served.includes(Buffer.from(text)), text).toBe(false);
    // The cleaned file still decodes.
    expect((await extractPoster(served, 'video/mp4')).codec).toBe('h264');
    expect((await postStatus(owner, { status: 'vídeo', media_ids: [queued.id] })).status).toBe(200);
  });

  it('WebM: tags (position, device) removed, poster made', async () => {
    expect(Buffer.from(webm).includes(Buffer.from(GPS))).toBe(true);
    const res = await post(owner, form(webm, 'video/webm', 'clip.webm'), 'v1');
    // v1 answers once everything is done.
    expect(res.status).toBe(200);
    const media = (await res.json()) as MastodonMediaAttachment;
    expectMastodonShape(media);
    expect(media.meta).toMatchObject({ duration: 2, width: 96, height: 64 });
    const served = await fetchBytes(media.url);
    for (const text of [GPS, DEVICE_MAKE, DEVICE_MODEL]) expect(served.includes(Buffer.from(text)), text).toBe(false);
    expect((await extractPoster(served, 'video/webm')).codec).toBe('vp8');
  });

  it('take the thumbnail their owner sends (on upload and with PUT) as preview instead of the first frame', async () => {
    const cover = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#d7263d' } }).png().toBuffer();
    const fd = form(mp4, 'video/mp4', 'con-portada.mp4');
    fd.append('thumbnail', new File([new Uint8Array(cover)], 'portada.png', { type: 'image/png' }));
    const queued = (await (await post(owner, fd)).json()) as MastodonMediaAttachment;
    await runJobs();
    const media = (await (await show(owner, queued.id)).json()) as MastodonMediaAttachment;
    expectMastodonShape(media);
    expect(media.preview_url).toMatch(/-thumb-[\w-]+\.webp$/);
    expect(media.meta).toMatchObject({ width: 160, height: 90, small: { width: 640, height: 360 } });
    const preview = await sharp(await fetchBytes(media.preview_url)).raw().toBuffer({ resolveWithObject: true });
    expect([preview.data[0], preview.data[1], preview.data[2]]).toEqual([0xd7, 0x26, 0x3d].map((c) => expect.closeTo(c, -1.2)));

    const other = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#0b6e4f' } }).jpeg().toBuffer();
    const put = new FormData();
    put.append('thumbnail', new File([new Uint8Array(other)], 'otra.jpg', { type: 'image/jpeg' }));
    const changed = (await (await t.request('PUT', `/api/v1/media/${media.id}`, { token: owner.token, form: put })).json()) as MastodonMediaAttachment;
    expect(changed.preview_url).not.toBe(media.preview_url);
    expect(changed.meta!.small).toMatchObject({ width: 300, height: 300 });
    expect(changed.blurhash).not.toBe(media.blurhash);
    expect((await t.request('GET', path(media.preview_url))).status).toBe(404);
    const notImage = new FormData();
    notImage.append('thumbnail', new File([new TextEncoder().encode('hola')], 'x.png', { type: 'image/png' }));
    expect((await t.request('PUT', `/api/v1/media/${media.id}`, { token: owner.token, form: notImage })).status).toBe(415);
  });

  it('an MP4 named and typed as a photo is taken for what it is: a video', async () => {
    const res = await post(owner, form(mp4, 'image/jpeg', 'foto.jpg'), 'v1');
    expect(res.status).toBe(200);
    expect(((await res.json()) as MastodonMediaAttachment).type).toBe('video');
  });
});

describe('limits from configuration', () => {
  let limited: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    limited = await createTestApp({ MEDIA_VIDEO_MAX_SECONDS: '1', MEDIA_VIDEO_MAX_MB: '0.5', MEDIA_IMAGE_MAX_MB: '0.001' });
    user = await limited.createUser({ username: 'limitada' });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('refuses videos longer than MEDIA_VIDEO_MAX_SECONDS (422, read from the container) and files over their size (413)', async () => {
    const long = await limited.request('POST', '/api/v2/media', { token: user.token, form: form(mp4, 'video/mp4', 'largo.mp4') });
    expect(long.status).toBe(422);
    expect(((await long.json()) as { error: string }).error).toBe('Videos may be at most 1 seconds long; this one lasts 2');
    const big = await limited.request('POST', '/api/v2/media', { token: user.token, form: form(new Uint8Array([...mp4, ...new Uint8Array(600 * 1024)]), 'video/mp4', 'grande.mp4') });
    expect(big.status).toBe(413);
    const photo = await limited.request('POST', '/api/v2/media', { token: user.token, form: form(gpsPhoto, 'image/jpeg', 'foto.jpg') });
    expect(photo.status).toBe(413);
    expect(await limited.ctx.db.selectFrom('media_attachments').select('id').execute()).toHaveLength(0);
  });

  it('announces the same limits in /api/v1/instance and /api/v2/instance', async () => {
    const v2 = (await (await limited.request('GET', '/api/v2/instance')).json()) as { configuration: { media_attachments: Record<string, unknown> }; medired: { media: Record<string, unknown> } };
    expect(v2.configuration.media_attachments).toMatchObject({ image_size_limit: Math.round(0.001 * 1024 * 1024), video_size_limit: Math.round(0.5 * 1024 * 1024), image_matrix_limit: 33_177_600 });
    expect(v2.medired.media).toMatchObject({ video_duration_limit: 1 });
    const v1 = (await (await limited.request('GET', '/api/v1/instance')).json()) as { configuration: { media_attachments: Record<string, unknown> } };
    expect(v1.configuration.media_attachments).toMatchObject({ image_size_limit: Math.round(0.001 * 1024 * 1024), video_size_limit: Math.round(0.5 * 1024 * 1024) });
  });
});

describe('attachments of private messages', () => {
  let doctor: TestUser;
  let patient: TestUser;
  let outsider: TestUser;
  beforeAll(async () => {
    doctor = await t.createUser({ username: 'dra_privada', kind: 'professional', profession: 'physician', specialty: 'cardiology', license_number: '282899999', license_country: 'ES' } as never);
    await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified', verified_at: new Date() }).where('id', '=', doctor.accountId).execute();
    patient = await t.createUser({ username: 'paciente_privada' });
    outsider = await t.createUser({ username: 'fisgona' });
  });

  it('move to the private area when sent, are served only to the conversation’s members, and never under /media', async () => {
    const upload = (await (await post(doctor, form(gpsPhoto, 'image/jpeg', 'informe.jpg', { description: 'Tu electrocardiograma' }))).json()) as MastodonMediaAttachment;
    const publicUrl = upload.url!;
    expect((await t.request('GET', path(publicUrl))).status).toBe(200);
    const res = await postStatus(doctor, { status: '@paciente_privada Te adjunto el informe', visibility: 'direct', media_ids: [upload.id] });
    expect(res.status).toBe(200);
    const sent = ((await res.json()) as MastodonStatus).media_attachments[0]!;
    expect(sent.url).toMatch(new RegExp(`^http://medired.test/private-media/${upload.id}/original\\?reader=${doctor.accountId}&`));
    expect(sent.preview_url).toMatch(/\/private-media\/\d+\/small\?/);
    const row = await t.ctx.db.selectFrom('media_attachments').selectAll().where('id', '=', upload.id).executeTakeFirstOrThrow();
    expect(row.private).toBe(true);
    expect(await t.ctx.storage.private.exists(row.file_path)).toBe(true);
    // The public copies go with the job enqueued by the sending transaction.
    await runDueJobs(t.ctx, { 'media.delete_public_copies': (await import('./media-cleanup.js')).deletePublicCopies });
    expect(await t.ctx.storage.media.exists(row.file_path)).toBe(false);
    expect(await t.ctx.storage.media.exists(row.preview_path!)).toBe(false);
    expect((await t.request('GET', path(publicUrl))).status).toBe(404);
    expect((await t.request('GET', `/media/${row.file_path}`)).status).toBe(404);

    // The sender's own address works without credentials, as Mastodon apps load images.
    const senderBytes = await t.request('GET', path(sent.url));
    expect(senderBytes.status).toBe(200);
    expect(senderBytes.headers.get('cache-control')).toBe('private, max-age=3600');
    expect((await sharp(Buffer.from(await senderBytes.arrayBuffer())).metadata()).exif).toBeUndefined();
    // The patient gets addresses signed for her.
    const conversations = (await (await t.request('GET', '/api/v1/conversations', { token: patient.token })).json()) as { last_status: MastodonStatus }[];
    const hers = conversations[0]!.last_status.media_attachments[0]!;
    expect(hers.url).toContain(`reader=${patient.accountId}`);
    expect((await t.request('GET', path(hers.url))).status).toBe(200);
    expect((await t.request('GET', path(hers.url), { headers: { range: 'bytes=0-3' } })).status).toBe(206);
    // Someone else sees no message, and no address opens the file without a valid signature.
    expect((await t.request('GET', `/api/v1/statuses/${conversations[0]!.last_status.id}`, { token: outsider.token })).status).toBe(404);
    const unsigned = `/private-media/${upload.id}/original`;
    const forged = path(hers.url).replace(`reader=${patient.accountId}`, `reader=${outsider.accountId}`);
    const tampered = path(hers.url).replace(/sig=.(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}${c}`);
    for (const p of [unsigned, forged, tampered, unsigned + '?reader=1&mode=member&expires=9999999999&sig=' + 'A'.repeat(43)]) {
      expect((await t.request('GET', p)).status, p).toBe(404);
      expect((await t.request('GET', p, { token: outsider.token })).status, p).toBe(404);
    }
    // Once she no longer reads the conversation (she blocks the sender), her address stops working.
    await t.request('POST', `/api/v1/accounts/${doctor.accountId}/block`, { token: patient.token });
    expect((await t.request('GET', path(hers.url))).status).toBe(404);
    expect((await t.request('GET', path(sent.url))).status).toBe(200);
  });

  it('are shown to the staff reviewing a report about the message, through an address signed for that review', async () => {
    const media = (await (await post(doctor, form(gpsPhoto, 'image/jpeg', 'receta.jpg'))).json()) as MastodonMediaAttachment;
    const sent = (await (await postStatus(doctor, { status: '@fisgona Aquí tienes', visibility: 'direct', media_ids: [media.id] })).json()) as MastodonStatus;
    const report = await t.request('POST', '/api/v1/reports', { token: outsider.token, json: { account_id: doctor.accountId, status_ids: [sent.id], category: 'other', comment: 'Me envía recetas' } });
    expect(report.status).toBe(200);
    const moderator = await staffUser(t, 'moderator');
    const { id } = (await report.json()) as { id: string };
    const reviewed = await t.request('GET', `/api/v1/admin/reports/${id}`, { token: moderator.token });
    expect(reviewed.status, await reviewed.clone().text()).toBe(200);
    const review = (await reviewed.json()) as { statuses: MastodonStatus[] };
    const url = review.statuses[0]!.media_attachments[0]!.url!;
    expect(url).toContain(`reader=${moderator.accountId}&mode=reported`);
    expect((await t.request('GET', path(url))).status).toBe(200);
    // Staff power alone does not open the file: the same reader as a member is refused.
    const key = await (await import('./private-media-urls.js')).privateMediaKey(t.ctx);
    const asMember = (await import('./private-media-urls.js')).signPrivateMediaUrl(key, `http://medired.test/private-media/${media.id}/original`, moderator.accountId, 'member');
    expect((await t.request('GET', path(asMember))).status).toBe(404);
  });

  it('left in the public area by earlier versions are moved to the private area at start-up', async () => {
    const recipient = await t.createUser({ username: 'paciente_antigua' });
    const upload = (await (await post(doctor, form(gpsPhoto, 'image/jpeg', 'antigua.jpg'))).json()) as MastodonMediaAttachment;
    const dm = (await (await postStatus(doctor, { status: '@paciente_antigua Mensaje de antes', visibility: 'direct' })).json()) as MastodonStatus;
    // As an earlier version left it: attached to the message, its files public.
    await t.ctx.db.updateTable('media_attachments').set({ status_id: dm.id }).where('id', '=', upload.id).execute();
    const key = new URL(upload.url!).pathname.slice('/media/'.length);
    expect(await t.ctx.storage.media.exists(key)).toBe(true);
    expect(await movePrivateMediaOutOfPublicArea(t.ctx)).toBe(1);
    expect(await t.ctx.storage.media.exists(key)).toBe(false);
    expect(await t.ctx.storage.private.exists(key)).toBe(true);
    expect((await t.request('GET', `/media/${key}`)).status).toBe(404);
    expect(await movePrivateMediaOutOfPublicArea(t.ctx)).toBe(0);
    const status = (await (await t.request('GET', `/api/v1/statuses/${dm.id}`, { token: recipient.token })).json()) as MastodonStatus;
    expect(status.media_attachments[0]!.url).toContain(`/private-media/${upload.id}/original?reader=${recipient.accountId}`);
    expect((await t.request('GET', path(status.media_attachments[0]!.url))).status).toBe(200);
  });

  it('PDF documents go to the private area on upload and are never public', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 3 3]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF');
    const res = await post(doctor, form(pdf, 'application/pdf', 'analitica.pdf'));
    expect(res.status).toBe(200);
    const media = (await res.json()) as MastodonMediaAttachment;
    expect(media.type).toBe('unknown');
    expect(media.url).toMatch(/\/private-media\/\d+\/original\?reader=/);
    const row = await t.ctx.db.selectFrom('media_attachments').selectAll().where('id', '=', media.id).executeTakeFirstOrThrow();
    expect(row.private).toBe(true);
    expect(await t.ctx.storage.media.exists(row.file_path)).toBe(false);
    expect((await t.request('GET', `/media/${row.file_path}`)).status).toBe(404);
    const own = await t.request('GET', path(media.url));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toBe('attachment');
    expect((await postStatus(doctor, { status: 'Público', media_ids: [media.id] })).status).toBe(422);
  });

  it('refuses a PDF that opens but has no document structure (no catalog) with a 422, never a 5xx', async () => {
    const broken = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    for (const [type, name] of [['application/pdf', 'informe.pdf'], ['image/jpeg', 'doc.jpg']] as const) {
      const res = await post(doctor, form(broken, type, name));
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: string }).error).toMatch(/damaged or encrypted/);
    }
  });
});
