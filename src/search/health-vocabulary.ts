import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES, type OrganizationType, type Profession, type Specialty } from '../accounts/specialties.js';

/**
 * The words people use for health professions, specialties and kinds of organisation, in Spanish
 * and English, masculine and feminine, singular and plural, written without accents (queries are
 * folded the same way, see `foldWord`): "cardióloga", "cardiólogos", "cardiología",
 * "cardiologist" and "cardiology" all name cardiology. Multi-word forms ("médico de familia",
 * "salud pública") are written without their connecting words ("medico familia"), which the
 * query reader drops too. Every code of `src/accounts/specialties.ts` has its forms here (a test
 * checks it), including the codes' own labels. A broad word names the profession and the
 * specialties within it ("enfermera": nurses, nursing specialties); a precise one names only its
 * specialty ("enfermera pediátrica").
 */

export interface VocabularyTargets {
  professions?: readonly Profession[];
  specialties?: readonly Specialty[];
  organizationTypes?: readonly OrganizationType[];
}

interface Entry extends VocabularyTargets {
  forms: readonly string[];
}

/** Lower case without accents or other marks ("Cardióloga" → "cardiologa", "Ñ" → "n"). */
export function foldWord(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Connecting words dropped from queries and forms: "cardióloga en Madrid", "médico de familia",
 * "busco pediatra cerca de Sevilla".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'de', 'del', 'la', 'las', 'el', 'los', 'lo', 'en', 'y', 'e', 'o', 'u', 'a', 'al', 'para', 'por', 'con', 'cerca', 'un', 'una', 'unos', 'unas',
  'que', 'mi', 'me', 'busco', 'buscar', 'necesito', 'quiero', 'hay', 'algun', 'alguna', 'zona',
  'in', 'at', 'of', 'the', 'and', 'or', 'for', 'with', 'from', 'near', 'around', 'an', 'my', 'i', 'need', 'looking', 'find',
]);

const feminine = (w: string) => (w.endsWith('o') ? `${w.slice(0, -1)}a` : w.endsWith('or') ? `${w}a` : w);
const spanishPlural = (w: string) => (/[aeiou]$/.test(w) ? `${w}s` : `${w}es`);
const inflects = (w: string) => w.endsWith('o') || w.endsWith('or');

/**
 * Spanish forms from the masculine singular: "cardiologo" → cardiologo, cardiologa, cardiologos,
 * cardiologas; "psicologo clinico" → … psicologas clinicas; "medico familia" → medica familia,
 * medicos familia …; "pediatra" → pediatra, pediatras. Words ending in -o/-or take the feminine;
 * the first word and every -o/-or word take the plural.
 */
function gendered(...phrases: string[]): string[] {
  return phrases.flatMap((phrase) => {
    const words = phrase.split(' ');
    const fem = words.map(feminine);
    const plural = (ws: string[]) => ws.map((w, i) => (i === 0 || inflects(words[i]!) ? spanishPlural(w) : w));
    return [...new Set([words, fem, plural(words), plural(fem)].map((ws) => ws.join(' ')))];
  });
}

/** Singular and plural ("cardiologist" → cardiologist, cardiologists; "clinic" → clinic, clinics). */
function plural(...words: string[]): string[] {
  return words.flatMap((w) => {
    const parts = w.split(' ');
    const last = parts.pop()!;
    const many = last.endsWith('y') && !/[aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : /(s|sh|ch|x)$/.test(last) ? `${last}es` : `${last}s`;
    return [w, [...parts, many].join(' ')];
  });
}

/** Forms as written (disciplines such as "cardiología" are not said in the plural). */
const same = (...words: string[]) => words;

const ENTRIES: readonly Entry[] = [
  // Professions.
  { professions: ['doctor'], forms: [...gendered('medico', 'doctor', 'facultativo'), ...plural('physician', 'doctor', 'medic')] },
  {
    professions: ['nurse'],
    specialties: ['community_nursing', 'pediatric_nursing', 'mental_health_nursing'],
    forms: [...gendered('enfermero'), ...same('enfermeria'), ...plural('nurse'), 'nursing'],
  },
  {
    professions: ['psychologist'],
    specialties: ['clinical_psychology', 'health_psychology'],
    forms: [...gendered('psicologo', 'sicologo', 'psicoterapeuta'), ...same('psicologia', 'psicoterapia'), ...plural('psychologist', 'psychotherapist'), 'psychology', 'psychotherapy'],
  },
  {
    professions: ['physiotherapist'],
    specialties: ['physiotherapy'],
    forms: [...gendered('fisioterapeuta', 'fisio', 'kinesiologo'), ...same('fisioterapia', 'kinesiologia'), ...plural('physiotherapist', 'physio', 'physical therapist'), 'physiotherapy', 'physical therapy'],
  },
  {
    professions: ['nutritionist'],
    specialties: ['clinical_nutrition'],
    forms: [...gendered('nutricionista', 'dietista', 'nutriologo'), ...same('dietetica', 'dietista nutricionista'), ...plural('nutritionist', 'dietitian', 'dietician'), 'dietetics'],
  },
  {
    // "nutrición" also names the endocrinology service ("Endocrinología y nutrición").
    professions: ['nutritionist'],
    specialties: ['clinical_nutrition', 'endocrinology'],
    forms: ['nutricion', 'nutrition'],
  },
  {
    professions: ['dentist'],
    specialties: ['dentistry'],
    forms: [...gendered('odontologo', 'dentista', 'estomatologo'), ...same('odontologia', 'estomatologia'), ...plural('dentist', 'dental surgeon'), 'dentistry', 'dental'],
  },
  {
    professions: ['pharmacist'],
    specialties: ['community_pharmacy', 'hospital_pharmacy'],
    forms: [...gendered('farmaceutico', 'boticario'), ...plural('pharmacist', 'chemist')],
  },
  {
    professions: ['pharmacist'],
    specialties: ['community_pharmacy', 'hospital_pharmacy'],
    organizationTypes: ['pharmacy'],
    forms: [...gendered('farmacia'), ...plural('pharmacy'), 'chemists'],
  },
  {
    professions: ['midwife'],
    specialties: ['midwifery'],
    forms: [...gendered('matrona', 'comadrona'), 'matron', 'matrones', ...same('matroneria', 'enfermera obstetrica'), 'midwife', 'midwives', 'midwifery'],
  },
  {
    professions: ['speech_therapist'],
    forms: [...gendered('logopeda', 'foniatra'), ...same('logopedia', 'foniatria', 'terapeuta lenguaje'), ...plural('speech therapist', 'speech language therapist', 'speech language pathologist'), 'speech therapy', 'speech language therapy'],
  },
  {
    professions: ['occupational_therapist'],
    forms: ['terapeuta ocupacional', 'terapeutas ocupacionales', 'terapia ocupacional', ...plural('occupational therapist'), 'occupational therapy'],
  },
  {
    professions: ['optometrist'],
    forms: [...gendered('optometrista', 'optico', 'optico optometrista'), ...same('optometria', 'optica'), ...plural('optometrist', 'optician'), 'optometry'],
  },
  {
    professions: ['podiatrist'],
    forms: [...gendered('podologo', 'quiropodista'), ...same('podologia', 'quiropodia'), ...plural('podiatrist', 'chiropodist'), 'podiatry', 'chiropody'],
  },
  { professions: ['other'], forms: ['otra profesion sanitaria', 'otras profesiones sanitarias', 'other health profession', 'other health professions'] },

  // Specialties.
  {
    specialties: ['family_medicine'],
    forms: [
      'medicina familiar', 'medicina familia', 'medicina familiar comunitaria', 'medicina general', 'atencion primaria',
      ...gendered('medico familia', 'medico cabecera', 'medico general', 'medico atencion primaria', 'medico familiar'),
      'family medicine', 'general practice', 'primary care', ...plural('family doctor', 'family physician', 'general practitioner', 'gp'),
    ],
  },
  { specialties: ['internal_medicine'], forms: ['medicina interna', ...gendered('internista', 'medico internista'), 'internal medicine', ...plural('internist')] },
  // "Pediatra" is the doctor; "pediatría" is the field, nurses included.
  { specialties: ['pediatrics'], forms: [...gendered('pediatra', 'paidiatra'), ...plural('pediatrician', 'paediatrician')] },
  {
    specialties: ['pediatrics', 'pediatric_nursing'],
    forms: [...gendered('puericultor'), ...same('pediatria', 'puericultura'), 'pediatrics', 'paediatrics', 'pediatric', 'paediatric', ...gendered('pediatrico')],
  },
  { specialties: ['cardiology'], forms: [...gendered('cardiologo'), 'cardiologia', ...plural('cardiologist'), 'cardiology', 'cardiac'] },
  { specialties: ['dermatology'], forms: [...gendered('dermatologo', 'dermatologo venereologo'), 'dermatologia', ...plural('dermatologist'), 'dermatology'] },
  {
    specialties: ['endocrinology'],
    forms: [...gendered('endocrino', 'endocrinologo'), 'endocrinologia', 'endocrinologia nutricion', ...plural('endocrinologist'), 'endocrinology', 'endocrinology nutrition'],
  },
  {
    specialties: ['gastroenterology'],
    forms: [...gendered('gastroenterologo', 'digestologo', 'gastro'), 'gastroenterologia', 'aparato digestivo', ...gendered('medico digestivo'), ...plural('gastroenterologist'), 'gastroenterology'],
  },
  {
    specialties: ['gynecology'],
    forms: [
      ...gendered('ginecologo', 'tocologo', 'obstetra', 'tocoginecologo'), 'ginecologia', 'obstetricia', 'ginecologia obstetricia', 'tocoginecologia',
      ...plural('gynecologist', 'gynaecologist', 'obstetrician', 'obgyn', 'ob gyn'), 'gynecology', 'gynaecology', 'obstetrics', 'obstetrics gynecology', 'obstetrics gynaecology',
    ],
  },
  { specialties: ['neurology'], forms: [...gendered('neurologo'), 'neurologia', ...plural('neurologist'), 'neurology'] },
  { specialties: ['oncology'], forms: [...gendered('oncologo'), 'oncologia', ...plural('oncologist'), 'oncology'] },
  { specialties: ['ophthalmology'], forms: [...gendered('oftalmologo', 'oculista'), 'oftalmologia', ...plural('ophthalmologist', 'eye doctor'), 'ophthalmology'] },
  {
    specialties: ['otorhinolaryngology'],
    forms: [...gendered('otorrino', 'otorrinolaringologo'), 'otorrinolaringologia', ...plural('otorhinolaryngologist', 'otolaryngologist', 'ent doctor', 'ent specialist'), 'otorhinolaryngology', 'otolaryngology'],
  },
  { specialties: ['psychiatry'], forms: [...gendered('psiquiatra'), 'psiquiatria', ...plural('psychiatrist'), 'psychiatry'] },
  {
    // "Salud mental": whoever people mean by it.
    professions: ['psychologist'],
    specialties: ['psychiatry', 'clinical_psychology', 'health_psychology', 'mental_health_nursing'],
    forms: ['salud mental', 'mental health'],
  },
  { specialties: ['pulmonology'], forms: [...gendered('neumologo', 'pulmonologo'), 'neumologia', ...plural('pulmonologist', 'pneumologist', 'chest physician'), 'pulmonology', 'pneumology', 'respiratory medicine'] },
  { specialties: ['rheumatology'], forms: [...gendered('reumatologo'), 'reumatologia', ...plural('rheumatologist'), 'rheumatology'] },
  {
    specialties: ['traumatology'],
    forms: [
      ...gendered('traumatologo', 'ortopedista', 'cirujano ortopedico'), 'traumatologia', 'ortopedia', 'traumatologia ortopedia', 'cirugia ortopedica',
      ...plural('orthopedist', 'orthopaedist', 'orthopedic surgeon', 'orthopaedic surgeon', 'traumatologist'), 'orthopedics', 'orthopaedics', 'traumatology', 'orthopedics traumatology', 'orthopaedics traumatology',
    ],
  },
  { specialties: ['urology'], forms: [...gendered('urologo'), 'urologia', ...plural('urologist'), 'urology'] },
  { specialties: ['nephrology'], forms: [...gendered('nefrologo'), 'nefrologia', ...plural('nephrologist'), 'nephrology'] },
  { specialties: ['geriatrics'], forms: [...gendered('geriatra'), 'geriatria', ...plural('geriatrician'), 'geriatrics'] },
  { specialties: ['allergology'], forms: [...gendered('alergologo', 'alergista'), 'alergologia', 'alergia', 'alergias', ...plural('allergist', 'allergologist'), 'allergology', 'allergy', 'allergies'] },
  {
    specialties: ['infectious_diseases'],
    forms: [...gendered('infectologo', 'infectiologo'), 'infectologia', 'enfermedades infecciosas', 'enfermedad infecciosa', 'infectious diseases', 'infectious disease', ...plural('infectious disease specialist', 'infectiologist')],
  },
  {
    specialties: ['emergency_medicine'],
    forms: ['medicina urgencias', 'medicina emergencias', 'urgencias', 'emergencias', ...gendered('urgenciologo', 'medico urgencias'), 'emergency medicine', ...plural('emergency physician', 'emergency doctor'), 'emergency'],
  },
  {
    specialties: ['preventive_medicine'],
    forms: ['medicina preventiva', 'medicina preventiva salud publica', ...gendered('preventivista', 'epidemiologo'), 'epidemiologia', 'preventive medicine', 'preventive medicine public health', ...plural('epidemiologist'), 'epidemiology'],
  },
  {
    specialties: ['preventive_medicine'],
    organizationTypes: ['public_health'],
    forms: ['salud publica', 'public health', 'sanidad publica'],
  },
  {
    specialties: ['sports_medicine'],
    forms: ['medicina deporte', 'medicina deportiva', 'medicina educacion fisica deporte', ...gendered('medico deportivo', 'medico deporte'), 'sports medicine', 'sport medicine', ...plural('sports doctor', 'sports physician')],
  },
  {
    specialties: ['clinical_psychology'],
    forms: ['psicologia clinica', ...gendered('psicologo clinico'), 'clinical psychology', ...plural('clinical psychologist')],
  },
  {
    specialties: ['health_psychology'],
    forms: ['psicologia salud', 'psicologia sanitaria', ...gendered('psicologo salud', 'psicologo sanitario'), 'health psychology', ...plural('health psychologist')],
  },
  {
    specialties: ['community_nursing'],
    forms: [
      'enfermeria familiar', 'enfermeria comunitaria', 'enfermeria familiar comunitaria', ...gendered('enfermero familia', 'enfermero comunitario', 'enfermero familiar'),
      'community nursing', 'family nursing', ...plural('community nurse', 'district nurse', 'family nurse'),
    ],
  },
  {
    specialties: ['pediatric_nursing'],
    forms: ['enfermeria pediatrica', ...gendered('enfermero pediatrico'), 'pediatric nursing', 'paediatric nursing', ...plural('pediatric nurse', 'paediatric nurse')],
  },
  {
    specialties: ['mental_health_nursing'],
    forms: ['enfermeria salud mental', 'enfermeria psiquiatrica', ...gendered('enfermero salud mental', 'enfermero psiquiatrico'), 'mental health nursing', 'psychiatric nursing', ...plural('mental health nurse', 'psychiatric nurse')],
  },
  { specialties: ['clinical_nutrition'], forms: ['nutricion clinica', 'clinical nutrition'] },
  { specialties: ['community_pharmacy'], organizationTypes: ['pharmacy'], forms: ['farmacia comunitaria', 'oficina farmacia', ...gendered('farmaceutico comunitario'), 'community pharmacy', ...plural('community pharmacist')] },
  { specialties: ['hospital_pharmacy'], forms: ['farmacia hospitalaria', ...gendered('farmaceutico hospital', 'farmaceutico hospitalario'), 'hospital pharmacy', ...plural('hospital pharmacist')] },
  { specialties: ['general_health'], forms: ['salud general', 'general health'] },

  // Kinds of organisation.
  { organizationTypes: ['clinic'], forms: [...gendered('clinica', 'policlinica', 'consultorio'), 'centro medico', 'centros medicos', ...plural('clinic', 'medical centre', 'medical center', 'polyclinic')] },
  { organizationTypes: ['hospital'], forms: ['hospital', 'hospitales', 'hospitals', 'hospitalario'] },
  { organizationTypes: ['health_center'], forms: ['centro salud', 'centros salud', ...gendered('ambulatorio'), ...plural('health centre', 'health center', 'primary care centre', 'primary care center')] },
  {
    organizationTypes: ['association'],
    forms: [...gendered('asociacion', 'fundacion', 'federacion'), 'asociacion pacientes', 'asociaciones pacientes', ...plural('association', 'patient association', 'patients association', 'patient organisation', 'patient organization', 'patient group', 'charity', 'foundation')],
  },
  {
    organizationTypes: ['professional_body'],
    forms: ['colegio profesional', 'colegios profesionales', 'colegio medicos', 'colegio enfermeria', 'colegio oficial', ...plural('professional body', 'professional association', 'medical council', 'nursing council', 'medical association')],
  },
  {
    organizationTypes: ['public_health'],
    forms: ['organismo salud publica', 'sanidad', 'consejeria sanidad', 'consejeria salud', 'ministerio sanidad', 'servicio salud', ...plural('health authority', 'health department', 'public health body', 'public health agency')],
  },
  { organizationTypes: ['other'], forms: ['otra organizacion', 'otras organizaciones', 'other organisation', 'other organization', 'other organisations', 'other organizations'] },
];

/** A form as the query reader sees it: its words, folded, without connecting words. */
function formWords(form: string): string[] {
  return foldWord(form)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP_WORDS.has(w));
}

/** The codes' own labels and codes as forms too, so anything shown in the interface is found. */
function labelEntries(): Entry[] {
  const of = <T extends string>(list: Record<T, { es: string; en: string }>, key: 'professions' | 'specialties' | 'organizationTypes') =>
    (Object.entries(list) as [T, { es: string; en: string }][]).map(([code, label]) => ({
      [key]: [code],
      forms: [label.es.replace(/\/a\b/, ''), label.en, code.replace(/_/g, ' ')],
    })) as Entry[];
  return [...of(PROFESSIONS, 'professions'), ...of(SPECIALTIES, 'specialties'), ...of(ORGANIZATION_TYPES, 'organizationTypes')];
}

export interface VocabularyMatch extends Required<VocabularyTargets> {
  /** How many query words the form covers. */
  length: number;
}

/** Folded form (words joined by one space) → what it names; forms shared by entries merge. */
const BY_FORM: ReadonlyMap<string, Required<VocabularyTargets>> = (() => {
  const map = new Map<string, { professions: Set<Profession>; specialties: Set<Specialty>; organizationTypes: Set<OrganizationType> }>();
  for (const entry of [...ENTRIES, ...labelEntries()]) {
    for (const form of entry.forms) {
      const key = formWords(form).join(' ');
      if (!key) continue;
      const target = map.get(key) ?? { professions: new Set(), specialties: new Set(), organizationTypes: new Set() };
      for (const p of entry.professions ?? []) target.professions.add(p);
      for (const s of entry.specialties ?? []) target.specialties.add(s);
      for (const o of entry.organizationTypes ?? []) target.organizationTypes.add(o);
      map.set(key, target);
    }
  }
  return new Map([...map].map(([key, v]) => [key, { professions: [...v.professions], specialties: [...v.specialties], organizationTypes: [...v.organizationTypes] }]));
})();

/** Every form as its words, for matching a form whose last word is being typed ("medicina fam"). */
const FORM_WORDS: readonly string[][] = [...BY_FORM.keys()].map((f) => f.split(' '));

const LONGEST_FORM = Math.max(...FORM_WORDS.map((w) => w.length));

/** The shortest part of a word matched as a prefix: 4 letters alone ("card"), 3 after other words ("medicina fam"). */
const MIN_PREFIX_ALONE = 4;
const MIN_PREFIX_AFTER = 3;

function merge(forms: readonly string[]): Required<VocabularyTargets> | null {
  const professions = new Set<Profession>();
  const specialties = new Set<Specialty>();
  const organizationTypes = new Set<OrganizationType>();
  for (const form of forms) {
    const target = BY_FORM.get(form)!;
    target.professions.forEach((p) => professions.add(p));
    target.specialties.forEach((x) => specialties.add(x));
    target.organizationTypes.forEach((o) => organizationTypes.add(o));
  }
  if (professions.size + specialties.size + organizationTypes.size === 0) return null;
  return { professions: [...professions], specialties: [...specialties], organizationTypes: [...organizationTypes] };
}

/** What one form names, or undefined. */
export function vocabularyOf(form: string): Required<VocabularyTargets> | undefined {
  return BY_FORM.get(formWords(form).join(' '));
}

/**
 * The longest form starting at `words[start]` (folded, connecting words already dropped), or
 * null. With `prefixLast`, the query's last word may be the beginning of a form's last word
 * ("cardio", "pediatr", "medicina fam"): every form it could become counts.
 */
export function matchVocabulary(words: readonly string[], start: number, prefixLast: boolean): VocabularyMatch | null {
  for (let length = Math.min(LONGEST_FORM, words.length - start); length >= 1; length--) {
    const span = words.slice(start, start + length);
    const found = BY_FORM.get(span.join(' '));
    if (found) return { ...found, length };
    const partial = span[length - 1]!;
    const reachesEnd = start + length === words.length;
    if (!prefixLast || !reachesEnd || partial.length < (length === 1 ? MIN_PREFIX_ALONE : MIN_PREFIX_AFTER)) continue;
    const candidates = FORM_WORDS.filter((f) => f.length === length && f[length - 1]!.startsWith(partial) && span.slice(0, -1).every((w, i) => f[i] === w));
    const merged = merge(candidates.map((f) => f.join(' ')));
    if (merged) return { ...merged, length };
  }
  return null;
}
