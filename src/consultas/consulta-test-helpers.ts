import type { TestApp, TestUser } from '../testing/test-app.js';

/** A professional of `specialty`, verified directly in the database (as a moderator would). */
export async function createVerifiedProfessional(t: TestApp, specialty = 'cardiology', extra: Record<string, string> = {}): Promise<TestUser> {
  const user = await t.createUser({ kind: 'professional', profession: 'doctor', specialty: specialty as never, license_number: '28/1234', license_country: 'ES', ...extra });
  await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified', verified_at: new Date() }).where('id', '=', user.accountId).execute();
  return user;
}

/** A verified organisation in a region. */
export async function createVerifiedOrganization(t: TestApp, region: { country: string; city?: string } = { country: 'ES', city: 'Madrid' }): Promise<TestUser> {
  const user = await t.createUser({ kind: 'organization', organization_type: 'public_health', country: region.country, city: region.city ?? '' });
  await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified', verified_at: new Date() }).where('id', '=', user.accountId).execute();
  return user;
}

export const sampleQuestion = {
  title: 'Palpitaciones al subir escaleras',
  body: 'Desde hace unas semanas noto el corazón acelerado al subir escaleras. ¿Debo preocuparme?',
  specialty: 'cardiology',
};

export const sampleAnswer = 'Conviene que su médico de familia le haga un electrocardiograma y una analítica básica.';
