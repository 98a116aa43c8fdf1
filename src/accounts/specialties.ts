/**
 * Controlled, bilingual vocabularies of the health profile. Codes are stable (stored and used in
 * the API); labels are for people.
 */
export interface Label {
  es: string;
  en: string;
}

export const PROFESSIONS = {
  doctor: { es: 'Médico/a', en: 'Doctor' },
  nurse: { es: 'Enfermero/a', en: 'Nurse' },
  psychologist: { es: 'Psicólogo/a', en: 'Psychologist' },
  physiotherapist: { es: 'Fisioterapeuta', en: 'Physiotherapist' },
  nutritionist: { es: 'Dietista-nutricionista', en: 'Nutritionist' },
  dentist: { es: 'Odontólogo/a', en: 'Dentist' },
  pharmacist: { es: 'Farmacéutico/a', en: 'Pharmacist' },
  midwife: { es: 'Matrona', en: 'Midwife' },
  speech_therapist: { es: 'Logopeda', en: 'Speech therapist' },
  occupational_therapist: { es: 'Terapeuta ocupacional', en: 'Occupational therapist' },
  optometrist: { es: 'Óptico-optometrista', en: 'Optometrist' },
  podiatrist: { es: 'Podólogo/a', en: 'Podiatrist' },
  other: { es: 'Otra profesión sanitaria', en: 'Other health profession' },
} as const satisfies Record<string, Label>;

export const SPECIALTIES = {
  family_medicine: { es: 'Medicina familiar y comunitaria', en: 'Family medicine' },
  internal_medicine: { es: 'Medicina interna', en: 'Internal medicine' },
  pediatrics: { es: 'Pediatría', en: 'Pediatrics' },
  cardiology: { es: 'Cardiología', en: 'Cardiology' },
  dermatology: { es: 'Dermatología', en: 'Dermatology' },
  endocrinology: { es: 'Endocrinología y nutrición', en: 'Endocrinology and nutrition' },
  gastroenterology: { es: 'Aparato digestivo', en: 'Gastroenterology' },
  gynecology: { es: 'Ginecología y obstetricia', en: 'Obstetrics and gynecology' },
  neurology: { es: 'Neurología', en: 'Neurology' },
  oncology: { es: 'Oncología', en: 'Oncology' },
  ophthalmology: { es: 'Oftalmología', en: 'Ophthalmology' },
  otorhinolaryngology: { es: 'Otorrinolaringología', en: 'Otorhinolaryngology' },
  psychiatry: { es: 'Psiquiatría', en: 'Psychiatry' },
  pulmonology: { es: 'Neumología', en: 'Pulmonology' },
  rheumatology: { es: 'Reumatología', en: 'Rheumatology' },
  traumatology: { es: 'Traumatología y ortopedia', en: 'Orthopedics and traumatology' },
  urology: { es: 'Urología', en: 'Urology' },
  nephrology: { es: 'Nefrología', en: 'Nephrology' },
  geriatrics: { es: 'Geriatría', en: 'Geriatrics' },
  allergology: { es: 'Alergología', en: 'Allergology' },
  infectious_diseases: { es: 'Enfermedades infecciosas', en: 'Infectious diseases' },
  emergency_medicine: { es: 'Medicina de urgencias', en: 'Emergency medicine' },
  preventive_medicine: { es: 'Medicina preventiva y salud pública', en: 'Preventive medicine and public health' },
  sports_medicine: { es: 'Medicina del deporte', en: 'Sports medicine' },
  clinical_psychology: { es: 'Psicología clínica', en: 'Clinical psychology' },
  health_psychology: { es: 'Psicología de la salud', en: 'Health psychology' },
  community_nursing: { es: 'Enfermería familiar y comunitaria', en: 'Community nursing' },
  pediatric_nursing: { es: 'Enfermería pediátrica', en: 'Pediatric nursing' },
  mental_health_nursing: { es: 'Enfermería de salud mental', en: 'Mental health nursing' },
  physiotherapy: { es: 'Fisioterapia', en: 'Physiotherapy' },
  clinical_nutrition: { es: 'Nutrición clínica', en: 'Clinical nutrition' },
  dentistry: { es: 'Odontología', en: 'Dentistry' },
  community_pharmacy: { es: 'Farmacia comunitaria', en: 'Community pharmacy' },
  hospital_pharmacy: { es: 'Farmacia hospitalaria', en: 'Hospital pharmacy' },
  midwifery: { es: 'Matronería', en: 'Midwifery' },
  general_health: { es: 'Salud general', en: 'General health' },
} as const satisfies Record<string, Label>;

export const ORGANIZATION_TYPES = {
  clinic: { es: 'Clínica', en: 'Clinic' },
  hospital: { es: 'Hospital', en: 'Hospital' },
  health_center: { es: 'Centro de salud', en: 'Health centre' },
  pharmacy: { es: 'Farmacia', en: 'Pharmacy' },
  association: { es: 'Asociación de pacientes', en: 'Patient association' },
  professional_body: { es: 'Colegio profesional', en: 'Professional body' },
  public_health: { es: 'Organismo de salud pública', en: 'Public health body' },
  other: { es: 'Otra organización', en: 'Other organisation' },
} as const satisfies Record<string, Label>;

export type Profession = keyof typeof PROFESSIONS;
export type Specialty = keyof typeof SPECIALTIES;
export type OrganizationType = keyof typeof ORGANIZATION_TYPES;

export const professionCodes = Object.keys(PROFESSIONS) as [Profession, ...Profession[]];
export const specialtyCodes = Object.keys(SPECIALTIES) as [Specialty, ...Specialty[]];
export const organizationTypeCodes = Object.keys(ORGANIZATION_TYPES) as [OrganizationType, ...OrganizationType[]];

/** The label of a code in a language, or the code itself when it is unknown. */
export function labelOf(list: Record<string, Label>, code: string | null, lang: 'es' | 'en'): string | null {
  if (!code) return null;
  return list[code]?.[lang] ?? code;
}
