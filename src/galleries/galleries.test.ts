import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization, createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { deleteUnattachedMedia } from '../media/media.repository.js';
import { postAnonymousForm } from '../testing/anonymous-form.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession, type WebSession } from '../web/testing/web-session.js';

/** Before/after galleries: consent required, only the owner manages, withdrawal hides the images everywhere. */
let t: TestApp;
let clinic: TestUser;
let otherClinic: TestUser;
let patient: TestUser;
let clinicWeb: WebSession;

const consent = (over: Record<string, unknown> = {}) => ({
  subject: 'Historia 4711 (Lucía P.)',
  date: '2026-10-02',
  statement: 'Autorizo la publicación de las imágenes de mi tratamiento en la página de la clínica en Medired.',
  scope: 'public_medired',
  confirmed: true,
  ...over,
});

async function png(color: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).png().toBuffer());
}

async function upload(user: TestUser, description = 'Sonrisa con dientes amarillentos', color = '#d8c27a'): Promise<{ id: string; url: string }> {
  const form = new FormData();
  form.set('file', new File([await png(color)], 'foto.png', { type: 'image/png' }));
  if (description) form.set('description', description);
  const res = await t.request('POST', '/api/v2/media', { token: user.token, form });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; url: string };
}

async function publish(user: TestUser, body: Record<string, unknown> = {}) {
  const [before, after] = [await upload(user), await upload(user, 'Sonrisa blanca y uniforme', '#f4f1ea')];
  const res = await t.request('POST', '/api/v1/medired/galleries', { token: user.token, json: { treatment: 'Blanqueamiento dental', description: 'Dos sesiones en consulta.', before_media_id: before.id, after_media_id: after.id, consent: consent(), ...body } });
  return { res, before, after };
}

async function published(user: TestUser = clinic) {
  const { res, before, after } = await publish(user);
  expect(res.status, await res.clone().text()).toBe(200);
  return { entry: (await res.json()) as Record<string, any>, before, after };
}

const path = (url: string) => url.replace('http://medired.test', '');

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  clinic = await createVerifiedOrganization(t);
  otherClinic = await createVerifiedProfessional(t, 'dentistry');
  patient = await t.createUser();
  clinicWeb = await webSession(t, clinic);
});
afterAll(async () => {
  await t?.close();
});

describe('publishing a before/after pair', () => {
  it('a verified clinic publishes a pair with the consent recorded; the page and the API mark it as consented, the patient stays unnamed', async () => {
    const { entry } = await published();
    expect(entry.withdrawal_code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(entry.consent).toEqual({ state: 'given', date: '2026-10-02', scope: 'public_medired', withdrawn_at: null, withdrawn_by: null });
    expect(entry.before.description).toBe('Sonrisa con dientes amarillentos');
    expect(entry.consent_record.subject).toBe('Historia 4711 (Lucía P.)');
    const image = await t.request('GET', path(entry.before.url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(image.headers.get('cache-control')).toBe('public, no-cache');

    // Anyone reads the pair, without the consent record; the patient's reference is nowhere public.
    const shown = (await (await t.request('GET', `/api/v1/medired/galleries/${entry.id}`)).json()) as Record<string, any>;
    expect(shown.consent_record).toBeNull();
    expect(JSON.stringify(shown)).not.toContain('4711');
    const list = (await (await t.request('GET', `/api/v1/medired/accounts/${clinic.accountId}/gallery`, { token: patient.token })).json()) as Record<string, any>[];
    expect(list.map((e) => e.id)).toContain(entry.id);
    expect(list.every((e) => e.consent_record === null)).toBe(true);
    const page = await (await t.request('GET', `/@${clinic.username}/gallery`)).text();
    expect(page).toContain('Publicado con el consentimiento del paciente');
    expect(page).toContain('Consentimiento del 2 de octubre de 2026');
    expect(page).toContain('alt="Sonrisa blanca y uniforme"');
    expect(page).not.toContain('4711');
    // Stored sealed; the audit entry says a pair was published, not who is in it.
    const row = await t.ctx.db.selectFrom('gallery_entries').select(['consent_subject_sealed']).where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.consent_subject_sealed).toString('utf8')).not.toContain('4711');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'data']).where('target_type', '=', 'gallery_entry').where('target_id', '=', entry.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['gallery.publish']);
    expect(JSON.stringify(audit)).not.toContain('4711');
    // The cleanup of unattached uploads keeps a gallery's images.
    const { before_media_id } = await t.ctx.db.selectFrom('gallery_entries').select('before_media_id').where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(await deleteUnattachedMedia(t.ctx.db, before_media_id!)).toBeUndefined();
  });

  it('is refused without the consent of the patient, or with an incomplete one', async () => {
    const { res } = await publish(clinic, { consent: undefined });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { details: { field: string; key: string }[] };
    expect(body.details).toContainEqual(expect.objectContaining({ field: 'consent', key: 'gallery.error.consentMissing' }));
    for (const bad of [consent({ confirmed: false }), consent({ scope: 'everywhere' }), consent({ statement: 'Vale' }), consent({ subject: '' }), consent({ date: '2999-01-01' })]) {
      expect((await publish(clinic, { consent: bad })).res.status).toBe(422);
    }
    expect(await t.ctx.db.selectFrom('gallery_entries').select('id').where('account_id', '=', clinic.accountId).execute()).toHaveLength(1);
  });

  it('is refused for patients, for images of someone else, without descriptions, or with one image twice', async () => {
    expect((await publish(patient)).res.status).toBe(403);
    const unverified = await t.createUser({ kind: 'professional', profession: 'dentist' as never, license_number: '28/999', license_country: 'ES' });
    expect((await publish(unverified)).res.status).toBe(403);
    const foreign = await upload(otherClinic);
    const own = await upload(clinic);
    const refused = await t.request('POST', '/api/v1/medired/galleries', { token: clinic.token, json: { treatment: 'Carillas', before_media_id: foreign.id, after_media_id: own.id, consent: consent() } });
    expect(refused.status).toBe(422);
    const undescribed = await upload(clinic, '');
    const noAlt = await t.request('POST', '/api/v1/medired/galleries', { token: clinic.token, json: { treatment: 'Carillas', before_media_id: undescribed.id, after_media_id: own.id, consent: consent() } });
    expect(noAlt.status).toBe(422);
    expect(((await noAlt.json()) as { key: string }).key).toBe('gallery.error.altRequired');
    const twice = await t.request('POST', '/api/v1/medired/galleries', { token: clinic.token, json: { treatment: 'Carillas', before_media_id: own.id, after_media_id: own.id, consent: consent() } });
    expect(twice.status).toBe(422);
  });

  it('uses each upload once: a gallery image cannot go on a status, nor a status image on a gallery', async () => {
    const { entry } = await published();
    const ids = await t.ctx.db.selectFrom('gallery_entries').select(['before_media_id']).where('id', '=', entry.id).executeTakeFirstOrThrow();
    const onStatus = await t.request('POST', '/api/v1/statuses', { token: clinic.token, json: { status: 'Antes', media_ids: [ids.before_media_id] } });
    expect(onStatus.status).toBe(422);
  });
});

describe('managing a pair', () => {
  it('only the clinic that published it withdraws consent or deletes it', async () => {
    const { entry } = await published();
    expect((await t.request('POST', `/api/v1/medired/galleries/${entry.id}/withdraw_consent`, { token: otherClinic.token })).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/medired/galleries/${entry.id}`, { token: patient.token })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/medired/galleries/${entry.id}/withdraw_consent`)).status).toBe(401);
    const otherWeb = await webSession(t, otherClinic);
    expect((await otherWeb.post(`/gallery/${entry.id}/withdraw`, {})).status).toBe(403);
    const still = (await (await t.request('GET', `/api/v1/medired/galleries/${entry.id}`)).json()) as Record<string, any>;
    expect(still.consent.state).toBe('given');
    const deleted = await t.request('DELETE', `/api/v1/medired/galleries/${entry.id}`, { token: clinic.token });
    expect(deleted.status).toBe(200);
    expect((await t.request('GET', `/api/v1/medired/galleries/${entry.id}`)).status).toBe(404);
    expect((await t.request('GET', path(entry.after.url))).status).toBe(404);
  });
});

describe('withdrawing consent hides the images everywhere at once', () => {
  it('when the clinic withdraws it on the patient\'s request: pages, API, the pair\'s image URLs (410) and the stored files (404)', async () => {
    const { entry, before, after } = await published();
    expect((await t.request('GET', path(before.url))).status).toBe(200);
    const res = await clinicWeb.post(`/gallery/${entry.id}/withdraw`, {});
    expect(res.status).toBe(303);
    const shown = (await (await t.request('GET', `/api/v1/medired/galleries/${entry.id}`)).json()) as Record<string, any>;
    expect(shown.consent).toMatchObject({ state: 'withdrawn', withdrawn_by: 'clinic' });
    expect(shown.before).toBeNull();
    expect(shown.after).toBeNull();
    expect((await t.request('GET', path(entry.before.url))).status).toBe(410);
    expect((await t.request('GET', `${path(entry.after.url)}?size=small`)).status).toBe(410);
    // The upload's own file URL is gone too.
    expect((await t.request('GET', path(before.url))).status).toBe(404);
    expect((await t.request('GET', path(after.url))).status).toBe(404);
    expect(await t.ctx.db.selectFrom('media_attachments').select('id').where('id', 'in', [before.id, after.id]).execute()).toEqual([]);
    const page = await (await t.request('GET', `/@${clinic.username}/gallery`)).text();
    expect(page).toContain('El paciente retiró su consentimiento');
    expect(page).not.toContain(`/galleries/${entry.id}/images/`);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_account_id', 'data']).where('target_id', '=', entry.id).where('action', '=', 'gallery.withdraw_consent').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_account_id: clinic.accountId, data: { withdrawn_by: 'clinic' } });
  });

  it('when the patient uses the code given at consent time, through the API without an account', async () => {
    const { entry } = await published();
    expect((await t.request('POST', '/api/v1/medired/galleries/withdraw_consent', { json: { code: 'AAAA-BBBB-CCCC' } })).status).toBe(404);
    const typed = String(entry.withdrawal_code).toLowerCase().replace(/-/g, ' ');
    const res = await t.request('POST', '/api/v1/medired/galleries/withdraw_consent', { json: { code: typed } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Record<string, any>).consent).toMatchObject({ state: 'withdrawn', withdrawn_by: 'patient' });
    expect((await t.request('GET', path(entry.before.url))).status).toBe(410);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_account_id', 'data']).where('target_id', '=', entry.id).where('action', '=', 'gallery.withdraw_consent').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_account_id: null, data: { withdrawn_by: 'patient' } });
  });

  it('when the patient uses the web page: the code, a confirmation naming the case, then the withdrawal', async () => {
    const { entry } = await published();
    const form = await (await t.request('GET', '/gallery/withdraw', { headers: { accept: 'text/html' } })).text();
    expect(form).toContain('name="code"');
    const unknown = await postAnonymousForm(t, '/gallery/withdraw', { code: 'ZZZZ-ZZZZ-ZZZZ' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Ese código no corresponde a ningún caso');
    const confirm = await postAnonymousForm(t, '/gallery/withdraw', { code: entry.withdrawal_code });
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain('Blanqueamiento dental');
    expect(confirmHtml).toContain('Sí, retirar mi consentimiento');
    // Nothing is withdrawn before the confirmation.
    expect((await t.request('GET', path(entry.before.url))).status).toBe(200);
    const done = await postAnonymousForm(t, '/gallery/withdraw', { code: entry.withdrawal_code, confirm: '1' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Has retirado tu consentimiento');
    expect((await t.request('GET', path(entry.before.url))).status).toBe(410);
    const again = await postAnonymousForm(t, '/gallery/withdraw', { code: entry.withdrawal_code, confirm: '1' });
    expect(await again.text()).toContain('ya estaba retirado');
  });
});

describe('the web form', () => {
  it('publishes a pair with consent and shows the withdrawal code once; a refusal keeps what was typed and the uploaded images', async () => {
    const form = new FormData();
    form.set('treatment', 'Ortodoncia invisible, 14 meses');
    form.set('before', new File([await png('#c9b27a')], 'antes.png', { type: 'image/png' }));
    form.set('before_description', 'Dientes apiñados');
    form.set('after', new File([await png('#f2efe6')], 'despues.png', { type: 'image/png' }));
    form.set('after_description', 'Dientes alineados');
    form.set('consent[subject]', 'Paciente 0192');
    form.set('consent[date]', '2026-11-20');
    form.set('consent[statement]', 'Autorizo la publicación de las fotos de mi ortodoncia en Medired.');
    form.set('consent[scope]', 'public_medired');
    // No confirmation: refused, the form keeps the images and the fields.
    const refused = await clinicWeb.post('/gallery/new', form);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Confirma que el paciente aceptó este texto.');
    expect(html).toContain('value="Ortodoncia invisible, 14 meses"');
    expect(html).toContain('value="Paciente 0192"');
    const beforeId = /name="before_media_id" value="(\d+)"/.exec(html)![1]!;
    const afterId = /name="after_media_id" value="(\d+)"/.exec(html)![1]!;
    const again = await clinicWeb.post('/gallery/new', {
      treatment: 'Ortodoncia invisible, 14 meses',
      before_media_id: beforeId,
      before_description: 'Dientes apiñados',
      after_media_id: afterId,
      after_description: 'Dientes alineados',
      'consent[subject]': 'Paciente 0192',
      'consent[date]': '2026-11-20',
      'consent[statement]': 'Autorizo la publicación de las fotos de mi ortodoncia en Medired.',
      'consent[scope]': 'public_medired',
      'consent[confirmed]': 'true',
    });
    expect(again.status).toBe(200);
    const code = await again.text();
    expect(code).toContain('Entrega este código al paciente');
    expect(code).toMatch(/<code>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}<\/code>/);
    const page = await (await clinicWeb.get(`/@${clinic.username}/gallery`)).text();
    expect(page).toContain('Ortodoncia invisible, 14 meses');
    expect(page).toContain('Paciente 0192');
    expect(page).toContain('Retirar el consentimiento');
  });

  it('is not offered to patients, and the profile shows the tab only where there is a gallery', async () => {
    const patientWeb = await webSession(t, patient);
    expect((await patientWeb.get('/gallery/new')).status).toBe(403);
    const profile = await (await t.request('GET', `/@${clinic.username}`)).text();
    expect(profile).toContain(`href="/@${clinic.username}/gallery"`);
    const patientProfile = await (await t.request('GET', `/@${patient.username}`)).text();
    expect(patientProfile).not.toContain('/gallery"');
  });
});
