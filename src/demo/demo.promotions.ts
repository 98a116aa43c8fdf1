import type { AppContext } from '../app-context.js';
import { utcDay } from '../jobs/recurring.js';
import { createStatus } from '../posts/statuses.service.js';
import { CHECKLIST_CODES } from '../promotions/advertising-checklist.js';
import { grantCredits } from '../promotions/promotion-credits.service.js';
import { chargeImpression, recordClick, recordShow } from '../promotions/promotion-delivery.repository.js';
import { PROMOTED_SHOWS_PER_DAY } from '../promotions/promotion-delivery.js';
import { approvePromotion, createPromotion } from '../promotions/promotions.service.js';
import type { DemoViewers } from './demo.seed.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Promoted posts in the demo world: the administration grants credits to Clínica San Vicente and
 * Salud Pública Madrid; the clinic's heart-health week runs for people in Spain interested in
 * cardiology (cardiologists and their followers, e.g. luis_m and sofia_r; approved by moderadora_eva
 * against the whole checklist) with four days of impressions and a few clicks; the public-health
 * body's flu campaign waits in the review queue.
 */
export async function seedDemoPromotions(app: AppContext, viewers: DemoViewers): Promise<void> {
  const admin = viewers.get('equipo_medired');
  const moderator = viewers.get('moderadora_eva');
  const clinic = viewers.get('clinica_sanvicente');
  const publicHealth = viewers.get('salud_publica_mad');
  if (!admin || !moderator || !clinic || !publicHealth) return;
  await grantCredits(app, admin, { account_id: clinic.accountId, credits: 200, note: 'Créditos de bienvenida para centros verificados' });
  await grantCredits(app, admin, { account_id: publicHealth.accountId, credits: 300, note: 'Campañas de salud pública 2026-2027' });

  const heartWeek = await createStatus(app, clinic, {
    status:
      'Semana del corazón en Clínica San Vicente (Madrid): del 1 al 14 medimos gratis la tensión arterial y el colesterol con cita previa. Si tienes más de 40 años, fumas o hay antecedentes en tu familia, es un buen momento para revisarlo con tu médico. #salud_cardiovascular #prevencion',
    visibility: 'public',
    kind: 'note',
    language: 'es',
  });
  const running = await createPromotion(app, clinic, {
    status_id: heartWeek,
    budget_credits: 50,
    starts_at: day(0),
    ends_at: day(13),
    // People interested in heart health: cardiologists, and whoever follows one.
    target_specialties: ['cardiology'],
    target_countries: ['ES'],
    target_cities: [],
    target_tags: [],
  });
  // A small instance: the moderator set a cost of 400 credits per thousand impressions for it.
  await approvePromotion(app, moderator, running.id, { checklist: [...CHECKLIST_CODES], cpm_credits: 400 });
  // It has been running for four days: readers who follow a cardiologist saw it, some opened it.
  await app.db.updateTable('promotions').set({ starts_at: new Date(Date.now() - 3.5 * 86_400_000), created_at: new Date(Date.now() - 4 * 86_400_000) }).where('id', '=', running.id).execute();
  const readers = ['luis_m', 'sofia_r', 'ana_paciente', 'dr_javier_ruiz', 'fisio_pablo_ortega'].flatMap((n) => (viewers.get(n) ? [viewers.get(n)!.accountId] : []));
  const clicks = new Set(['-3:0', '-2:2', '-1:0', '-1:3']);
  for (const offset of [-3, -2, -1]) {
    for (const [i, readerId] of readers.entries()) {
      if ((i + offset) % 4 === 0) continue;
      await app.db.transaction().execute(async (trx) => {
        if ((await recordShow(trx, running.id, readerId, day(offset), PROMOTED_SHOWS_PER_DAY)) === 'first') await chargeImpression(trx, running.id);
        if (clicks.has(`${offset}:${i}`)) await recordClick(trx, running.id, readerId);
      });
    }
  }

  const flu = await createStatus(app, publicHealth, {
    status: 'La campaña de vacunación de la gripe y la COVID-19 empieza el lunes en los centros de salud de la Comunidad de Madrid. Pide cita en tu centro o en la app. Especialmente recomendada a mayores de 60 años, embarazadas y personas con enfermedades crónicas. #vacunacion',
    visibility: 'public',
    kind: 'note',
    language: 'es',
  });
  await createPromotion(app, publicHealth, { status_id: flu, budget_credits: 120, starts_at: day(1), ends_at: day(30), target_specialties: [], target_countries: ['ES'], target_cities: [], target_tags: ['vacunacion', 'salud'] });
}
