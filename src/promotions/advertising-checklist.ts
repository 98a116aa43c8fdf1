import type { Label } from '../accounts/specialties.js';

/**
 * The health-advertising checklist a moderator goes through before a promotion runs, shown in
 * the review queue (web and API). Inspired by the Spanish rules on health advertising: Real
 * Decreto 1907/1996 (advertising of products, activities or services with a claimed health
 * purpose: its article 4 prohibitions), the consolidated medicines law (Real Decreto Legislativo
 * 1/2015, article 80: only non-prescription medicines may be advertised to the public), the
 * General Advertising Law 34/1988 (misleading, unfair and aggressive advertising), Law 34/2002
 * (LSSI, article 20: commercial communications identified as such, with their advertiser), and
 * the professional codes of ethics on advertising by doctors and clinics. It is a moderation
 * aid, not legal advice: a moderator who is unsure rejects with a reason and asks for changes.
 *
 * Approval requires every item to be confirmed; the promotion records which were (all of them,
 * by these stable codes), and who confirmed them when.
 */
export interface ChecklistItem {
  code: string;
  title: Label;
  detail: Label;
}

export const ADVERTISING_CHECKLIST = [
  {
    code: 'advertiser_identified',
    title: { es: 'Anunciante identificado', en: 'Advertiser identified' },
    detail: {
      es: 'Queda claro quién anuncia (profesional o centro, con su nombre) y que es publicidad. Medired la marca como «Promocionado»; el texto no se hace pasar por información neutral ni por una noticia.',
      en: 'It is clear who advertises (the professional or the centre, by name) and that it is advertising. Medired labels it "Promoted"; the text does not pose as neutral information or news.',
    },
  },
  {
    code: 'no_cure_promises',
    title: { es: 'Sin promesas de curación', en: 'No promises of cure' },
    detail: {
      es: 'No garantiza curación, alivio ni resultados («100 % eficaz», «sin riesgos», «resultados asegurados»). Un tratamiento sanitario no puede prometer su resultado.',
      en: 'It guarantees no cure, relief or results ("100% effective", "risk-free", "guaranteed results"). A health treatment cannot promise its outcome.',
    },
  },
  {
    code: 'evidence_for_claims',
    title: { es: 'Afirmaciones con pruebas', en: 'Claims backed by evidence' },
    detail: {
      es: 'Toda afirmación preventiva, diagnóstica o terapéutica está respaldada por pruebas científicas suficientes (guías clínicas, estudios publicados) que el anunciante puede aportar; las cifras tienen fuente.',
      en: 'Every preventive, diagnostic or therapeutic claim is backed by sufficient scientific evidence (clinical guidelines, published studies) the advertiser can provide; figures have a source.',
    },
  },
  {
    code: 'no_unverified_claims',
    title: { es: 'Sin afirmaciones no verificadas', en: 'No unverified claims' },
    detail: {
      es: 'No atribuye efectos contra el cáncer, la diabetes, enfermedades infecciosas, el insomnio o la obesidad sin base; no usa «natural» como garantía de eficacia o seguridad; no invoca avales, premios o autorizaciones de autoridades sanitarias que no existen o no vienen al caso.',
      en: 'It claims no effect against cancer, diabetes, infectious diseases, insomnia or obesity without grounds; it does not use "natural" as a guarantee of efficacy or safety; it invokes no endorsement, award or authorisation of health authorities that does not exist or does not apply.',
    },
  },
  {
    code: 'no_prescription_medicines',
    title: { es: 'Sin medicamentos de prescripción', en: 'No prescription-only medicines' },
    detail: {
      es: 'No anuncia al público medicamentos que requieren receta (ni psicótropos o estupefacientes), ni marcas de estos; tampoco su venta o intercambio. Sí caben servicios sanitarios y medicamentos sin receta con su información obligatoria.',
      en: 'It advertises to the public no medicine that needs a prescription (nor psychotropics or narcotics), nor their brands, nor their sale or exchange. Health services and non-prescription medicines with their mandatory information are fine.',
    },
  },
  {
    code: 'no_replacing_care',
    title: { es: 'No sustituye la atención sanitaria', en: 'Does not replace care' },
    detail: {
      es: 'No desaconseja consultar a profesionales sanitarios ni sugiere abandonar o sustituir tratamientos o medicamentos autorizados.',
      en: 'It does not discourage seeing health professionals, nor suggest abandoning or replacing authorised treatments or medicines.',
    },
  },
  {
    code: 'no_inducing_testimonials',
    title: { es: 'Sin testimonios como reclamo', en: 'No testimonials as inducement' },
    detail: {
      es: 'No usa testimonios de pacientes (reales o supuestos), de famosos o de otros profesionales sanitarios para inducir a contratar o consumir.',
      en: 'It uses no testimonials of patients (real or supposed), celebrities or other health professionals to induce people to buy or use something.',
    },
  },
  {
    code: 'before_after_consent',
    title: { es: 'Antes/después solo con consentimiento', en: 'Before/after only with consent' },
    detail: {
      es: 'Si muestra imágenes de antes y después, la persona retratada dio su consentimiento expreso para la publicidad, las imágenes son reales y sin retoques que cambien el resultado, y no sugieren que todo el mundo obtendrá lo mismo. Sin datos que identifiquen a pacientes sin su consentimiento.',
      en: 'If it shows before/after images, the person shown gave express consent to their use in advertising, the images are real and not retouched to change the result, and they do not suggest everyone will get the same. No data identifying patients without their consent.',
    },
  },
  {
    code: 'no_minors',
    title: { es: 'No dirigido a menores', en: 'Not aimed at minors' },
    detail: {
      es: 'No se dirige a menores de edad ni muestra a menores en tratamientos estéticos; no promociona a menores productos o servicios que no les convienen.',
      en: 'It is not aimed at minors and shows no minors in aesthetic treatments; it promotes to minors no product or service unsuitable for them.',
    },
  },
  {
    code: 'no_fear',
    title: { es: 'Sin miedo ni presión', en: 'No fear or pressure' },
    detail: {
      es: 'No usa mensajes alarmistas o de miedo, no explota la angustia por la enfermedad o el aspecto físico, y no presiona con urgencias falsas («solo hoy», «últimas plazas»).',
      en: 'It uses no alarmist or fear-based messages, does not exploit anxiety about illness or appearance, and applies no false urgency ("today only", "last places").',
    },
  },
  {
    code: 'truthful_conditions',
    title: { es: 'Precios y condiciones veraces', en: 'Truthful prices and conditions' },
    detail: {
      es: 'Precios, descuentos y condiciones son ciertos y completos; nada importante queda en letra pequeña ni oculto tras el enlace.',
      en: 'Prices, discounts and conditions are true and complete; nothing important is in small print or hidden behind the link.',
    },
  },
] as const satisfies readonly ChecklistItem[];

export type ChecklistCode = (typeof ADVERTISING_CHECKLIST)[number]['code'];
export const CHECKLIST_CODES: readonly ChecklistCode[] = ADVERTISING_CHECKLIST.map((i) => i.code);

/** The items of the checklist not among `confirmed`: empty means the promotion may be approved. */
export function missingChecklistItems(confirmed: readonly string[]): ChecklistCode[] {
  const given = new Set(confirmed);
  return CHECKLIST_CODES.filter((code) => !given.has(code));
}
