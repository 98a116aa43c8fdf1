import type { RegistrationInput } from '../accounts/accounts.js';

/** Password of every demo account (the demo world is for looking around, never for production). */
export const DEMO_PASSWORD = 'medired-demo-2026';

export interface DemoAccount {
  registration: Omit<RegistrationInput, 'password' | 'agreement' | 'email' | 'locale'> & { locale?: 'es' | 'en' };
  bio: string;
  website?: string;
  links?: { name: string; value: string }[];
  verified?: boolean;
  staffRole?: 'moderator' | 'admin';
}

/** The people and organisations of the demo world. The first one becomes the instance admin. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    registration: { username: 'equipo_medired', display_name: 'Equipo Medired', kind: 'organization', organization_type: 'other', city: 'Madrid', country: 'ES' },
    bio: 'Cuenta oficial de esta instancia de **Medired**. Normas de la comunidad, novedades y ayuda.',
    staffRole: 'admin',
  },
  {
    registration: { username: 'dra_lucia_moreno', display_name: 'Dra. Lucía Moreno', kind: 'professional', profession: 'doctor', specialty: 'cardiology', license_number: '28/2811234', license_country: 'ES', city: 'Madrid', country: 'ES' },
    bio: 'Cardióloga en Madrid. Divulgo sobre **salud cardiovascular**, hipertensión y ejercicio. Aquí no paso consulta individual: ante síntomas, acude a tu médico.',
    website: 'https://lucia-moreno.example',
    links: [{ name: 'Blog', value: 'https://lucia-moreno.example/blog' }],
    verified: true,
  },
  {
    registration: { username: 'dr_javier_ruiz', display_name: 'Dr. Javier Ruiz', kind: 'professional', profession: 'doctor', specialty: 'pediatrics', license_number: '41/4107788', license_country: 'ES', city: 'Sevilla', country: 'ES' },
    bio: 'Pediatra de atención primaria en Sevilla. Fiebre, vacunas, sueño infantil y dudas de familias.',
    verified: true,
  },
  {
    registration: { username: 'enf_marta_gil', display_name: 'Marta Gil, enfermera', kind: 'professional', profession: 'nurse', specialty: 'community_nursing', license_number: '46/0099812', license_country: 'ES', city: 'Valencia', country: 'ES' },
    bio: 'Enfermera familiar y comunitaria. Educación para la salud, cuidados crónicos y diabetes.',
    verified: true,
  },
  {
    registration: { username: 'psic_andres_vidal', display_name: 'Andrés Vidal, psicólogo', kind: 'professional', profession: 'psychologist', specialty: 'clinical_psychology', license_number: 'B-31415', license_country: 'ES', city: 'Barcelona', country: 'ES' },
    bio: 'Psicólogo clínico. Ansiedad, duelo y salud mental en el día a día. Si estás en crisis, llama al **024**.',
    verified: true,
  },
  {
    registration: { username: 'nutri_carmen_lopez', display_name: 'Carmen López, nutricionista', kind: 'professional', profession: 'nutritionist', specialty: 'clinical_nutrition', license_number: 'PV-00451', license_country: 'ES', city: 'Bilbao', country: 'ES' },
    bio: 'Dietista-nutricionista. Alimentación real, sin dietas milagro.',
  },
  {
    registration: { username: 'fisio_pablo_ortega', display_name: 'Pablo Ortega', kind: 'professional', profession: 'physiotherapist', specialty: 'physiotherapy', city: 'Zaragoza', country: 'ES' },
    bio: 'Fisioterapeuta. Dolor lumbar, ejercicio terapéutico y vuelta al deporte.',
  },
  {
    registration: { username: 'clinica_sanvicente', display_name: 'Clínica San Vicente', kind: 'organization', organization_type: 'clinic', license_number: 'CS-28-1042', license_country: 'ES', city: 'Madrid', country: 'ES' },
    bio: 'Clínica multidisciplinar en Madrid: cardiología, pediatría, fisioterapia y nutrición. Citas por teléfono o en nuestra web.',
    website: 'https://clinicasanvicente.example',
    verified: true,
  },
  {
    registration: { username: 'salud_publica_mad', display_name: 'Salud Pública Madrid', kind: 'organization', organization_type: 'public_health', license_number: 'ORG-SP-28', license_country: 'ES', city: 'Madrid', country: 'ES' },
    bio: 'Información y **alertas de salud pública** para la Comunidad de Madrid: vacunación, calor, brotes.',
    verified: true,
  },
  {
    // Issue 11: a dental clinic with a before/after gallery published with its patients' consent.
    registration: { username: 'clinica_dental_sonrisa', display_name: 'Clínica Dental Sonrisa', kind: 'organization', organization_type: 'clinic', license_number: 'CD-41-0388', license_country: 'ES', city: 'Sevilla', country: 'ES' },
    bio: 'Odontología general, ortodoncia y estética dental en Sevilla. Publicamos casos reales **solo con el consentimiento firmado** de cada paciente, que puede retirarlo cuando quiera.',
    website: 'https://sonrisa-sevilla.example',
    verified: true,
  },
  {
    registration: { username: 'asoc_diabetes', display_name: 'Asociación Diabetes Hoy', kind: 'organization', organization_type: 'association', city: 'Valencia', country: 'ES' },
    bio: 'Asociación de pacientes con diabetes y sus familias. Grupos de apoyo, talleres y recursos.',
  },
  {
    registration: { username: 'moderadora_eva', display_name: 'Eva (moderación)', kind: 'patient', city: 'Madrid', country: 'ES' },
    bio: 'Moderadora de la comunidad. Si ves algo que no debería estar aquí, denúncialo.',
    staffRole: 'moderator',
  },
  {
    registration: { username: 'ana_paciente', display_name: 'Ana', kind: 'patient', city: 'Madrid', country: 'ES' },
    bio: 'Convivo con hipertensión desde hace cinco años. Aprendiendo a cuidarme.',
  },
  {
    registration: { username: 'luis_m', display_name: 'Luis M.', kind: 'patient', city: 'Sevilla', country: 'ES' },
    bio: 'Padre de dos peques. Muchas dudas de pediatría.',
  },
  {
    registration: { username: 'sofia_r', display_name: 'Sofía R.', kind: 'patient', city: 'Barcelona', country: 'ES', locale: 'en' },
    bio: 'Running, yoga y salud mental. Escribo en español e inglés.',
  },
  {
    registration: { username: 'carlos_dt1', display_name: 'Carlos', kind: 'patient', city: 'Valencia', country: 'ES' },
    bio: 'Diabetes tipo 1 desde los 12. Comparto lo que me funciona (consultándolo siempre con mi equipo).',
  },
];

/** Who follows whom: [follower, followed]. */
export const DEMO_FOLLOWS: [string, string][] = [
  ['ana_paciente', 'dra_lucia_moreno'], ['ana_paciente', 'salud_publica_mad'], ['ana_paciente', 'clinica_sanvicente'], ['ana_paciente', 'nutri_carmen_lopez'],
  ['luis_m', 'dr_javier_ruiz'], ['luis_m', 'salud_publica_mad'], ['luis_m', 'enf_marta_gil'],
  ['sofia_r', 'psic_andres_vidal'], ['sofia_r', 'fisio_pablo_ortega'], ['sofia_r', 'dra_lucia_moreno'],
  ['carlos_dt1', 'enf_marta_gil'], ['carlos_dt1', 'asoc_diabetes'], ['carlos_dt1', 'nutri_carmen_lopez'],
  ['dra_lucia_moreno', 'clinica_sanvicente'], ['dra_lucia_moreno', 'salud_publica_mad'], ['dra_lucia_moreno', 'dr_javier_ruiz'],
  ['dr_javier_ruiz', 'salud_publica_mad'], ['dr_javier_ruiz', 'enf_marta_gil'], ['dr_javier_ruiz', 'dra_lucia_moreno'],
  ['enf_marta_gil', 'asoc_diabetes'], ['enf_marta_gil', 'nutri_carmen_lopez'], ['enf_marta_gil', 'dr_javier_ruiz'],
  ['psic_andres_vidal', 'salud_publica_mad'], ['nutri_carmen_lopez', 'enf_marta_gil'], ['fisio_pablo_ortega', 'dra_lucia_moreno'],
  ['clinica_sanvicente', 'dra_lucia_moreno'], ['clinica_sanvicente', 'fisio_pablo_ortega'], ['asoc_diabetes', 'enf_marta_gil'],
  ['luis_m', 'clinica_dental_sonrisa'], ['sofia_r', 'clinica_dental_sonrisa'], ['clinica_dental_sonrisa', 'dr_javier_ruiz'],
  ['moderadora_eva', 'equipo_medired'], ['ana_paciente', 'equipo_medired'], ['luis_m', 'dra_lucia_moreno'],
];
