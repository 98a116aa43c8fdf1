import { describe, expect, it } from 'vitest';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES } from '../accounts/specialties.js';
import { readAccountQuery } from './account-query.js';
import { vocabularyOf } from './health-vocabulary.js';

/** How queries are read: which words name professions, specialties, kinds of organisation and countries. */

const named = (q: string) => {
  const { terms } = readAccountQuery(q);
  return {
    professions: terms.flatMap((t) => t.professions),
    specialties: terms.flatMap((t) => t.specialties),
    organizationTypes: terms.flatMap((t) => t.organizationTypes),
    countries: terms.flatMap((t) => t.countries),
  };
};

describe('the health vocabulary', () => {
  it('has Spanish and English forms for every profession, specialty and kind of organisation, its labels included', () => {
    for (const [code, label] of Object.entries(PROFESSIONS)) {
      for (const form of [label.es.replace('/a', ''), label.en]) expect(vocabularyOf(form)?.professions, `${code}: ${form}`).toContain(code);
    }
    for (const [code, label] of Object.entries(SPECIALTIES)) {
      for (const form of [label.es, label.en]) expect(vocabularyOf(form)?.specialties, `${code}: ${form}`).toContain(code);
    }
    for (const [code, label] of Object.entries(ORGANIZATION_TYPES)) {
      for (const form of [label.es, label.en]) expect(vocabularyOf(form)?.organizationTypes, `${code}: ${form}`).toContain(code);
    }
  });

  it.each([
    ['cardióloga', 'cardiology'], ['cardiólogo', 'cardiology'], ['cardiologos', 'cardiology'], ['Cardiología', 'cardiology'], ['cardiologist', 'cardiology'], ['cardiology', 'cardiology'],
    ['pediatra', 'pediatrics'], ['pediatría', 'pediatrics'], ['paediatrician', 'pediatrics'], ['pediatrician', 'pediatrics'], ['pediatras', 'pediatrics'],
    ['dermatóloga', 'dermatology'], ['ginecóloga', 'gynecology'], ['gynaecologist', 'gynecology'], ['obstetra', 'gynecology'], ['traumatólogo', 'traumatology'], ['orthopaedic surgeon', 'traumatology'],
    ['psiquiatra', 'psychiatry'], ['neumóloga', 'pulmonology'], ['otorrino', 'otorhinolaryngology'], ['oftalmóloga', 'ophthalmology'], ['endocrino', 'endocrinology'],
    ['médica de familia', 'family_medicine'], ['médico de cabecera', 'family_medicine'], ['family doctor', 'family_medicine'], ['GP', 'family_medicine'],
    ['psicóloga clínica', 'clinical_psychology'], ['enfermera pediátrica', 'pediatric_nursing'], ['matrona', 'midwifery'], ['geriatra', 'geriatrics'], ['urólogo', 'urology'],
  ])('"%s" names the specialty %s', (q, code) => {
    expect(named(q).specialties).toContain(code);
  });

  it.each([
    ['enfermera', 'nurse'], ['enfermero', 'nurse'], ['enfermeras', 'nurse'], ['nurse', 'nurse'], ['médica', 'doctor'], ['doctora', 'doctor'], ['physician', 'doctor'],
    ['psicólogo', 'psychologist'], ['psychologist', 'psychologist'], ['fisioterapeuta', 'physiotherapist'], ['physio', 'physiotherapist'], ['nutricionista', 'nutritionist'], ['dietitian', 'nutritionist'],
    ['dentista', 'dentist'], ['odontóloga', 'dentist'], ['farmacéutica', 'pharmacist'], ['matrona', 'midwife'], ['midwife', 'midwife'], ['logopeda', 'speech_therapist'],
    ['terapeuta ocupacional', 'occupational_therapist'], ['óptica', 'optometrist'], ['optometrist', 'optometrist'], ['podóloga', 'podiatrist'], ['chiropodist', 'podiatrist'],
  ])('"%s" names the profession %s', (q, code) => {
    expect(named(q).professions).toContain(code);
  });

  it.each([
    ['clínica', 'clinic'], ['clinics', 'clinic'], ['hospital', 'hospital'], ['centro de salud', 'health_center'], ['health centre', 'health_center'], ['farmacia', 'pharmacy'], ['pharmacy', 'pharmacy'],
    ['asociación de pacientes', 'association'], ['patient association', 'association'], ['colegio profesional', 'professional_body'], ['salud pública', 'public_health'], ['public health', 'public_health'],
  ])('"%s" names the kind of organisation %s', (q, code) => {
    expect(named(q).organizationTypes).toContain(code);
  });
});

describe('reading a query', () => {
  it('keeps a place as a free word next to the profession: "pediatra Sevilla", "cardióloga en Madrid"', () => {
    expect(readAccountQuery('pediatra Sevilla')).toMatchObject({ terms: [{ words: ['pediatra'], specialties: ['pediatrics'] }], free: ['sevilla'], freePrefix: true });
    expect(named('pediatría').specialties).toEqual(['pediatrics', 'pediatric_nursing']);
    expect(readAccountQuery('cardióloga en Madrid')).toMatchObject({ terms: [{ words: ['cardiologa'] }], free: ['madrid'] });
    expect(readAccountQuery('busco enfermera cerca de Málaga')).toMatchObject({ terms: [{ professions: ['nurse'] }], free: ['malaga'] });
  });

  it('reads a country by its Spanish or English name', () => {
    expect(named('dermatólogo España').countries).toEqual(['ES']);
    expect(named('nurse United Kingdom').countries).toEqual(['GB']);
  });

  it('matches the word being typed as a prefix from four letters, and keeps names and handles free', () => {
    expect(named('cardio').specialties).toEqual(['cardiology']);
    expect(named('pedia').specialties).toContain('pediatrics');
    expect(named('medicina fam').specialties).toEqual(['family_medicine']);
    expect(named('enfermera pedi').specialties).toEqual(['pediatric_nursing']);
    expect(readAccountQuery('pediatra Sevil')).toMatchObject({ terms: [{ specialties: ['pediatrics'] }], free: ['sevil'], freePrefix: true });
    expect(readAccountQuery('car')).toEqual({ terms: [], free: ['car'], freePrefix: true });
    expect(readAccountQuery('dra_gar')).toEqual({ terms: [], free: ['dra_gar'], freePrefix: true });
    expect(readAccountQuery('Lucía Moreno')).toEqual({ terms: [], free: ['lucia', 'moreno'], freePrefix: true });
  });

  it('keeps a connecting word when it is all there is (a handle being typed)', () => {
    expect(readAccountQuery('de')).toEqual({ terms: [], free: ['de'], freePrefix: true });
    expect(readAccountQuery('!!!')).toEqual({ terms: [], free: [], freePrefix: false });
  });
});
