import type { AppContext } from '../app-context.js';
import type { Specialty } from '../accounts/specialties.js';
import { updateProfile } from '../accounts/accounts.service.js';
import { postAnswer, setAcceptedAnswer } from '../consultas/answers.service.js';
import { setHelpfulVote } from '../consultas/helpful-votes.service.js';
import { askQuestion } from '../consultas/questions.service.js';
import { endorse } from '../endorsements/endorsements.service.js';
import { favourite, reblog } from '../posts/interactions.service.js';
import { createStatus } from '../posts/statuses.service.js';
import { updatePractice } from '../practice/practice.service.js';
import type { PracticeInput } from '../practice/practice.js';
import type { DemoAccount } from './demo.accounts.js';
import type { DemoViewers } from './demo.seed.js';

/**
 * The directory of the demo world: more professionals and organisations in Madrid, Sevilla,
 * Barcelona, Valencia, Bilbao, Málaga, Zaragoza and Granada — among them a cardiologist in
 * Sevilla (so "cardióloga Sevilla" finds someone besides the paediatrician there), a pharmacy,
 * a hospital, a health centre, a professional body and an English-speaking family doctor —
 * with their practices, posts people engage with, answered questions and endorsements, so the
 * directory's categories, filters and influence scores have something believable to show.
 */

export const DIRECTORY_ACCOUNTS: DemoAccount[] = [
  {
    registration: { username: 'dra_rocio_pineda', display_name: 'Dra. Rocío Pineda', kind: 'professional', profession: 'doctor', specialty: 'cardiology', license_number: '41/4102233', license_country: 'ES', city: 'Sevilla', country: 'ES' },
    bio: 'Cardióloga en Sevilla. Insuficiencia cardiaca, rehabilitación cardiaca y prevención. Consulta en el Hospital Central y en Triana.',
    verified: true,
  },
  {
    registration: { username: 'enf_manuel_ortiz', display_name: 'Manuel Ortiz, enfermero', kind: 'professional', profession: 'nurse', specialty: 'pediatric_nursing', license_number: '41/0077310', license_country: 'ES', city: 'Sevilla', country: 'ES' },
    bio: 'Enfermero pediátrico. Lactancia, vacunas y cuidados del recién nacido. Consejos para familias, sin alarmismos.',
    verified: true,
  },
  {
    registration: { username: 'farmacia_triana', display_name: 'Farmacia Triana', kind: 'organization', organization_type: 'pharmacy', license_number: 'F-41-0356', license_country: 'ES', city: 'Sevilla', country: 'ES' },
    bio: 'Farmacia comunitaria en el barrio de Triana. Seguimiento de la tensión, sistemas personalizados de dosificación y consejo farmacéutico.',
    verified: true,
  },
  {
    registration: { username: 'colegio_medicos_sev', display_name: 'Colegio de Médicos de Sevilla', kind: 'organization', organization_type: 'professional_body', license_number: 'CP-41-01', license_country: 'ES', city: 'Sevilla', country: 'ES' },
    bio: 'Colegio profesional de los médicos de la provincia. Formación, deontología y registro público de colegiados.',
    verified: true,
  },
  {
    registration: { username: 'dra_elena_sanz', display_name: 'Dra. Elena Sanz', kind: 'professional', profession: 'doctor', specialty: 'dermatology', license_number: '28/2899001', license_country: 'ES', city: 'Madrid', country: 'ES' },
    bio: 'Dermatóloga. Cáncer de piel, acné y dermatitis. Hablo de fotoprotección todo el año, no solo en verano.',
    verified: true,
  },
  {
    registration: { username: 'dr_miguel_navarro', display_name: 'Dr. Miguel Navarro', kind: 'professional', profession: 'doctor', specialty: 'traumatology', city: 'Madrid', country: 'ES' },
    bio: 'Traumatólogo. Rodilla, hombro y lesiones deportivas.',
  },
  {
    registration: { username: 'hospital_central_mad', display_name: 'Hospital Central de Madrid', kind: 'organization', organization_type: 'hospital', license_number: 'H-28-0007', license_country: 'ES', city: 'Madrid', country: 'ES' },
    bio: 'Hospital público de referencia. Información para pacientes y familias, horarios de visita y novedades de los servicios.',
    verified: true,
  },
  {
    registration: { username: 'asoc_corazon_sano', display_name: 'Asociación Corazón Sano', kind: 'organization', organization_type: 'association', city: 'Madrid', country: 'ES' },
    bio: 'Pacientes con cardiopatías y sus familias. Rehabilitación, paseos en grupo y apoyo tras un infarto.',
  },
  {
    registration: { username: 'dra_marta_puig', display_name: 'Dra. Marta Puig', kind: 'professional', profession: 'doctor', specialty: 'gynecology', license_number: '08/0812345', license_country: 'ES', city: 'Barcelona', country: 'ES' },
    bio: 'Ginecóloga y obstetra. Embarazo, menopausia y anticoncepción. Atiendo en castellano, catalán e inglés.',
    verified: true,
  },
  {
    registration: { username: 'dr_jordi_serra', display_name: 'Dr. Jordi Serra', kind: 'professional', profession: 'doctor', specialty: 'psychiatry', license_number: '08/0866120', license_country: 'ES', city: 'Barcelona', country: 'ES' },
    bio: 'Psiquiatra. Depresión, trastorno bipolar y salud mental perinatal. Si estás en crisis, llama al **024**.',
    verified: true,
  },
  {
    registration: { username: 'cap_raval', display_name: 'CAP Raval Nord', kind: 'organization', organization_type: 'health_center', license_number: 'CAP-08-112', license_country: 'ES', city: 'Barcelona', country: 'ES' },
    bio: 'Centro de atención primaria. Vacunación, seguimiento de crónicos y actividades comunitarias del barrio.',
    verified: true,
  },
  {
    registration: { username: 'dra_ana_ferrer', display_name: 'Dra. Ana Ferrer', kind: 'professional', profession: 'doctor', specialty: 'endocrinology', license_number: '46/4655678', license_country: 'ES', city: 'Valencia', country: 'ES' },
    bio: 'Endocrinóloga. Diabetes tipo 1 y 2, tiroides y obesidad. Trabajo con la Asociación Diabetes Hoy.',
    verified: true,
  },
  {
    registration: { username: 'odont_sergio_vidal', display_name: 'Sergio Vidal, odontólogo', kind: 'professional', profession: 'dentist', specialty: 'dentistry', city: 'Valencia', country: 'ES' },
    bio: 'Odontólogo general. Prevención, caries infantil y miedo al dentista.',
  },
  {
    registration: { username: 'dr_iker_etxebarria', display_name: 'Dr. Iker Etxebarria', kind: 'professional', profession: 'doctor', specialty: 'pulmonology', license_number: '48/4890021', license_country: 'ES', city: 'Bilbao', country: 'ES' },
    bio: 'Neumólogo. Asma, EPOC y deshabituación tabáquica.',
    verified: true,
  },
  {
    registration: { username: 'matrona_ainhoa', display_name: 'Ainhoa Goikoetxea, matrona', kind: 'professional', profession: 'midwife', specialty: 'midwifery', license_number: '48/0044871', license_country: 'ES', city: 'Bilbao', country: 'ES' },
    bio: 'Matrona de atención primaria. Preparación al parto, posparto y suelo pélvico.',
    verified: true,
  },
  {
    registration: { username: 'dra_isabel_romero', display_name: 'Dra. Isabel Romero', kind: 'professional', profession: 'doctor', specialty: 'pediatrics', license_number: '29/2911456', license_country: 'ES', city: 'Málaga', country: 'ES' },
    bio: 'Pediatra. Alergias alimentarias, asma infantil y desarrollo.',
    verified: true,
  },
  {
    registration: { username: 'dr_james_wilson', display_name: 'Dr James Wilson', kind: 'professional', profession: 'doctor', specialty: 'family_medicine', license_number: '29/2977310', license_country: 'ES', city: 'Málaga', country: 'ES', locale: 'en' },
    bio: 'Family doctor on the Costa del Sol. English-speaking patients welcome; hablo español.',
    verified: true,
  },
  {
    registration: { username: 'logop_carmen_ruiz', display_name: 'Carmen Ruiz, logopeda', kind: 'professional', profession: 'speech_therapist', city: 'Málaga', country: 'ES' },
    bio: 'Logopeda infantil y de adultos tras un ictus.',
  },
  {
    registration: { username: 'dr_luis_gracia', display_name: 'Dr. Luis Gracia', kind: 'professional', profession: 'doctor', specialty: 'geriatrics', license_number: '50/5012987', license_country: 'ES', city: 'Zaragoza', country: 'ES' },
    bio: 'Geriatra. Caídas, polimedicación y cuidados de las personas mayores en casa.',
    verified: true,
  },
  {
    registration: { username: 'dr_antonio_lopez', display_name: 'Dr. Antonio López', kind: 'professional', profession: 'doctor', specialty: 'ophthalmology', city: 'Granada', country: 'ES' },
    bio: 'Oftalmólogo. Cataratas, glaucoma y revisiones de fondo de ojo en diabetes.',
  },
];

/** Who follows whom among and towards the directory's accounts: [follower, followed]. */
export const DIRECTORY_FOLLOWS: [string, string][] = [
  ...['luis_m', 'ana_paciente', 'carlos_dt1', 'dr_javier_ruiz', 'enf_manuel_ortiz', 'farmacia_triana', 'asoc_corazon_sano', 'dra_lucia_moreno'].map((f): [string, string] => [f, 'dra_rocio_pineda']),
  ...['luis_m', 'dr_javier_ruiz', 'sofia_r', 'dra_isabel_romero'].map((f): [string, string] => [f, 'enf_manuel_ortiz']),
  ...['luis_m', 'ana_paciente', 'dra_rocio_pineda'].map((f): [string, string] => [f, 'farmacia_triana']),
  ...['dra_rocio_pineda', 'dr_javier_ruiz', 'dra_lucia_moreno'].map((f): [string, string] => [f, 'colegio_medicos_sev']),
  ...['ana_paciente', 'sofia_r', 'moderadora_eva', 'clinica_sanvicente', 'dra_marta_puig'].map((f): [string, string] => [f, 'dra_elena_sanz']),
  ...['sofia_r', 'fisio_pablo_ortega'].map((f): [string, string] => [f, 'dr_miguel_navarro']),
  ...['ana_paciente', 'luis_m', 'carlos_dt1', 'moderadora_eva', 'dra_lucia_moreno', 'dra_elena_sanz', 'salud_publica_mad'].map((f): [string, string] => [f, 'hospital_central_mad']),
  ...['ana_paciente', 'dra_lucia_moreno', 'dra_rocio_pineda'].map((f): [string, string] => [f, 'asoc_corazon_sano']),
  ...['sofia_r', 'dr_jordi_serra', 'cap_raval'].map((f): [string, string] => [f, 'dra_marta_puig']),
  ...['sofia_r', 'psic_andres_vidal', 'dra_marta_puig'].map((f): [string, string] => [f, 'dr_jordi_serra']),
  ...['sofia_r', 'dra_marta_puig'].map((f): [string, string] => [f, 'cap_raval']),
  ...['carlos_dt1', 'asoc_diabetes', 'enf_marta_gil', 'nutri_carmen_lopez'].map((f): [string, string] => [f, 'dra_ana_ferrer']),
  ...['carlos_dt1'].map((f): [string, string] => [f, 'odont_sergio_vidal']),
  ...['nutri_carmen_lopez', 'matrona_ainhoa'].map((f): [string, string] => [f, 'dr_iker_etxebarria']),
  ...['dr_iker_etxebarria', 'dra_marta_puig'].map((f): [string, string] => [f, 'matrona_ainhoa']),
  ...['luis_m', 'dr_javier_ruiz', 'enf_manuel_ortiz', 'dr_james_wilson'].map((f): [string, string] => [f, 'dra_isabel_romero']),
  ...['sofia_r', 'dra_isabel_romero'].map((f): [string, string] => [f, 'dr_james_wilson']),
  ...['dra_isabel_romero'].map((f): [string, string] => [f, 'logop_carmen_ruiz']),
  ...['fisio_pablo_ortega', 'ana_paciente'].map((f): [string, string] => [f, 'dr_luis_gracia']),
];

const weekdays = (ranges: { from: string; to: string }[]) => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });

const PRACTICES: [string, PracticeInput][] = [
  ['dra_rocio_pineda', { addresses: [{ street: 'Calle San Jacinto 21', postal_code: '41010', city: 'Sevilla', country: 'ES' }], opening_hours: weekdays([{ from: '16:00', to: '20:00' }]), languages: ['es', 'en'], insurers: 'Adeslas, Sanitas, Asisa', accepts_online_requests: true }],
  ['enf_manuel_ortiz', { addresses: [{ street: 'Calle Pagés del Corro 90', postal_code: '41010', city: 'Sevilla', country: 'ES' }], languages: ['es'], accepts_online_requests: true }],
  ['farmacia_triana', { addresses: [{ street: 'Calle Betis 12', postal_code: '41010', city: 'Sevilla', country: 'ES' }], opening_hours: { ...weekdays([{ from: '09:00', to: '21:30' }]), sat: [{ from: '09:30', to: '14:00' }] }, phone: '+34 954 000 312', languages: ['es', 'en'], accepts_online_requests: true }],
  ['dra_elena_sanz', { addresses: [{ street: 'Calle de Velázquez 80', postal_code: '28001', city: 'Madrid', country: 'ES' }], languages: ['es', 'en', 'fr'], insurers: 'Sanitas, DKV', accepts_online_requests: true }],
  ['hospital_central_mad', { addresses: [{ street: 'Calle del Doctor Esquerdo 46', postal_code: '28007', city: 'Madrid', country: 'ES' }], phone: '+34 915 000 046', languages: ['es', 'en'], accepts_online_requests: false }],
  ['dra_marta_puig', { addresses: [{ street: 'Carrer de Balmes 150', postal_code: '08008', city: 'Barcelona', country: 'ES' }], languages: ['es', 'ca', 'en'], accepts_online_requests: true }],
  ['cap_raval', { addresses: [{ street: 'Carrer del Carme 101', postal_code: '08001', city: 'Barcelona', country: 'ES' }], opening_hours: weekdays([{ from: '08:00', to: '20:00' }]), languages: ['ca', 'es', 'ur', 'ar'], accepts_online_requests: true }],
  ['dra_ana_ferrer', { addresses: [{ street: 'Avinguda del Port 33', postal_code: '46023', city: 'Valencia', country: 'ES' }], languages: ['es', 'ca'], accepts_online_requests: true }],
  ['dr_iker_etxebarria', { addresses: [{ street: 'Gran Vía 60', postal_code: '48011', city: 'Bilbao', country: 'ES' }], languages: ['es', 'eu'], accepts_online_requests: false }],
  ['matrona_ainhoa', { addresses: [{ street: 'Calle Autonomía 12', postal_code: '48010', city: 'Bilbao', country: 'ES' }], languages: ['eu', 'es'], accepts_online_requests: true }],
  ['dra_isabel_romero', { addresses: [{ street: 'Calle Larios 5', postal_code: '29005', city: 'Málaga', country: 'ES' }], languages: ['es', 'en'], accepts_online_requests: true }],
  ['dr_james_wilson', { addresses: [{ street: 'Avenida de Andalucía 14', postal_code: '29680', city: 'Estepona', country: 'ES' }, { street: 'Paseo Marítimo 3', postal_code: '29005', city: 'Málaga', country: 'ES' }], languages: ['en', 'es', 'de'], accepts_online_requests: true }],
  ['dr_luis_gracia', { addresses: [{ street: 'Paseo de la Independencia 20', postal_code: '50004', city: 'Zaragoza', country: 'ES' }], languages: ['es'], accepts_online_requests: true }],
];

interface DirectoryPost {
  author: string;
  text: string;
  likedBy?: string[];
  repliedBy?: [string, string][];
  rebloggedBy?: string[];
}

/** Posts people engage with: replies and reposts from readers who do not all follow the author. */
const POSTS: DirectoryPost[] = [
  {
    author: 'dra_rocio_pineda',
    text: 'Tras un infarto, la rehabilitación cardiaca reduce el riesgo de un segundo evento. Si no te la han ofrecido, pregunta por ella en tu próxima revisión. #salud #corazon',
    likedBy: ['ana_paciente', 'luis_m', 'carlos_dt1', 'asoc_corazon_sano', 'dra_lucia_moreno'],
    repliedBy: [['ana_paciente', 'A mi padre le vino genial, volvió a caminar cada día.'], ['asoc_corazon_sano', 'En la asociación tenemos grupos de paseo para quien lo necesite.']],
    rebloggedBy: ['asoc_corazon_sano', 'hospital_central_mad', 'sofia_r'],
  },
  {
    author: 'dra_rocio_pineda',
    text: 'La tensión se mide sentado, tras cinco minutos de reposo, con el brazo apoyado a la altura del corazón. Dos medidas y se anota la media.',
    likedBy: ['carlos_dt1', 'farmacia_triana', 'ana_paciente'],
    repliedBy: [['carlos_dt1', 'No sabía lo de las dos medidas, gracias.']],
    rebloggedBy: ['farmacia_triana'],
  },
  {
    author: 'enf_manuel_ortiz',
    text: 'Fiebre tras la vacuna de los dos meses: suele ser leve y pasa en uno o dos días. Ofrécele el pecho o el biberón a menudo y vigila que moje pañales.',
    likedBy: ['luis_m', 'sofia_r', 'dra_isabel_romero'],
    repliedBy: [['luis_m', 'Justo lo que necesitaba leer esta noche.']],
    rebloggedBy: ['dr_javier_ruiz'],
  },
  {
    author: 'dra_elena_sanz',
    text: 'Fotoprotección en invierno también: la radiación UVA atraviesa las nubes y los cristales. Un FPS 30 cada mañana en la cara es un buen hábito.',
    likedBy: ['ana_paciente', 'sofia_r', 'moderadora_eva', 'clinica_sanvicente'],
    repliedBy: [['sofia_r', '¿Sirve la crema de día con FPS o hace falta un protector aparte?']],
    rebloggedBy: ['sofia_r', 'clinica_sanvicente'],
  },
  {
    author: 'hospital_central_mad',
    text: 'Desde el lunes, el horario de visitas de planta se amplía de 12:00 a 21:00. Una persona acompañante por paciente en la UCI.',
    likedBy: ['ana_paciente', 'luis_m', 'carlos_dt1'],
    rebloggedBy: ['salud_publica_mad', 'equipo_medired'],
  },
  {
    author: 'dra_ana_ferrer',
    text: 'Si haces deporte por la tarde con diabetes tipo 1, mide la glucosa antes de dormir y ten a mano hidratos de absorción rápida. Coméntalo con tu equipo para ajustar la pauta.',
    likedBy: ['carlos_dt1', 'asoc_diabetes', 'enf_marta_gil'],
    repliedBy: [['carlos_dt1', 'Esto es justo lo que pregunté en la Consulta abierta, gracias.'], ['asoc_diabetes', 'Lo compartimos en nuestro taller del jueves.']],
    rebloggedBy: ['asoc_diabetes', 'carlos_dt1'],
  },
  {
    author: 'dr_jordi_serra',
    text: 'Pedir ayuda por la salud mental no es un fracaso. Si llevas semanas sin dormir ni disfrutar de nada, habla con tu médica de familia.',
    likedBy: ['sofia_r', 'psic_andres_vidal', 'dra_marta_puig'],
    rebloggedBy: ['psic_andres_vidal', 'cap_raval'],
  },
  {
    author: 'dra_isabel_romero',
    text: 'Introducir pronto el huevo y el cacahuete (en crema, nunca entero) puede reducir el riesgo de alergia. Pregúntale a tu pediatra cómo hacerlo.',
    likedBy: ['luis_m', 'enf_manuel_ortiz'],
    repliedBy: [['luis_m', '¿A partir de qué edad más o menos?']],
  },
  {
    author: 'dr_james_wilson',
    text: 'Reminder for English-speaking residents: your tarjeta sanitaria gives you a GP at your health centre. Ask us if you need help registering.',
    likedBy: ['sofia_r'],
    rebloggedBy: ['dra_isabel_romero'],
  },
];

interface DirectoryQuestion {
  asker: string;
  title: string;
  body: string;
  specialty: Specialty;
  hoursBeforeAnswer: number;
  answer: { by: string; body: string; accepted?: boolean; helpfulFrom?: string[] };
}

/** Questions the directory's professionals answered, some quickly: the "helpful" and "fastest" orders show them. */
const QUESTIONS: DirectoryQuestion[] = [
  {
    asker: 'ana_paciente',
    title: '¿Es normal notar el pulso en el oído por la noche?',
    body: 'Cuando me acuesto sobre un lado noto el latido en el oído. No me duele nada y duermo bien, pero me inquieta. ¿Merece la pena comentarlo?',
    specialty: 'cardiology',
    hoursBeforeAnswer: 2,
    answer: { by: 'dra_rocio_pineda', body: 'Es frecuente notarlo al apoyar la oreja en la almohada, sobre todo con la tensión algo alta o en silencio. Si además aparece un zumbido continuo, pérdida de audición o mareo, coméntalo con tu médico de familia para revisarlo.', accepted: true, helpfulFrom: ['ana_paciente', 'carlos_dt1'] },
  },
  {
    asker: 'carlos_dt1',
    title: '¿Puedo tomar ibuprofeno si tomo medicación para la tensión?',
    body: 'Mi padre toma enalapril y a veces le duele la rodilla. ¿Puede tomar ibuprofeno de vez en cuando o es mejor otro analgésico?',
    specialty: 'cardiology',
    hoursBeforeAnswer: 5,
    answer: { by: 'dra_rocio_pineda', body: 'Los antiinflamatorios como el ibuprofeno pueden subir la tensión y afectar al riñón junto con el enalapril, sobre todo en personas mayores. Para un dolor puntual suele preferirse el paracetamol. Que lo consulte con su médico o en la farmacia antes de tomarlo a menudo.', helpfulFrom: ['carlos_dt1', 'luis_m'] },
  },
  {
    asker: 'luis_m',
    title: '¿Cuánto ejercicio puede hacer alguien con una válvula operada?',
    body: 'A mi madre le cambiaron una válvula hace un año y está bien. Quiere volver a nadar. ¿Hay algún límite general?',
    specialty: 'cardiology',
    hoursBeforeAnswer: 3,
    answer: { by: 'dra_rocio_pineda', body: 'Tras una sustitución valvular con buena evolución, el ejercicio moderado como nadar suele ser recomendable. El límite lo marca su cardiólogo según la ecografía y la medicación (por ejemplo, si toma anticoagulantes). Que empiece suave y lo comente en su próxima revisión.', helpfulFrom: ['luis_m'] },
  },
  {
    asker: 'sofia_r',
    title: '¿Qué protector solar elegir si tengo la piel atópica?',
    body: 'Tengo dermatitis atópica y muchas cremas me pican. ¿Qué debería buscar en un protector solar para el día a día?',
    specialty: 'dermatology',
    hoursBeforeAnswer: 20,
    answer: { by: 'dra_elena_sanz', body: 'Busca fotoprotectores para piel sensible, sin perfume ni alcohol, con filtros minerales (óxido de zinc o dióxido de titanio) y textura en crema. Pruébalo primero en una zona pequeña unos días. Hidratar bien la piel también ayuda a que toleres mejor la crema.', accepted: true, helpfulFrom: ['sofia_r', 'ana_paciente'] },
  },
];

/** Everything of the directory that is not an account or a follow: practices, posts, questions, endorsements, a patient who shows her city. */
export async function seedDemoDirectory(app: AppContext, viewers: DemoViewers): Promise<void> {
  const v = (name: string) => viewers.get(name)!;
  for (const [username, practice] of PRACTICES) await updatePractice(app, v(username), practice);
  const ids: string[] = [];
  for (const [index, p] of POSTS.entries()) {
    const id = await createStatus(app, v(p.author), { status: p.text, visibility: 'public', kind: 'note', language: 'es' });
    ids.push(id);
    for (const name of p.likedBy ?? []) await favourite(app, v(name), id);
    for (const [name, text] of p.repliedBy ?? []) await createStatus(app, v(name), { status: text, visibility: 'public', kind: 'note', language: 'es', in_reply_to_id: id });
    for (const name of p.rebloggedBy ?? []) await reblog(app, v(name), id);
    // Spread over the last two weeks (replies and reposts with their post).
    const when = new Date(Date.now() - (POSTS.length - index) * 36 * 3_600_000);
    await app.db.updateTable('statuses').set({ created_at: when }).where((eb) => eb.or([eb('id', '=', id), eb('reblog_of_id', '=', id), eb('in_reply_to_id', '=', id)])).execute();
  }
  for (const q of QUESTIONS) {
    const question = await askQuestion(app, v(q.asker), { title: q.title, body: q.body, specialty: q.specialty, tags: [], pseudonym: null, confirm_personal_data: false, confirm_emergency: false });
    await app.db.updateTable('consulta_questions').set({ created_at: new Date(Date.now() - q.hoursBeforeAnswer * 3_600_000) }).where('id', '=', question.id).execute();
    const answer = await postAnswer(app, v(q.answer.by), question.id, { body: q.answer.body, confirm_personal_data: false });
    for (const voter of q.answer.helpfulFrom ?? []) await setHelpfulVote(app, v(voter), answer.id, true);
    if (q.answer.accepted) await setAcceptedAnswer(app, v(q.asker), answer.id, true);
  }
  // Verified professionals who feature a colleague on their profile.
  for (const [by, target] of [['dra_lucia_moreno', 'dra_rocio_pineda'], ['dr_javier_ruiz', 'enf_manuel_ortiz'], ['dra_marta_puig', 'dr_jordi_serra'], ['dra_isabel_romero', 'enf_manuel_ortiz']] as const) {
    await endorse(app, v(by), v(target).accountId);
  }
  // Sofía chose to show her city; the other patients keep theirs private (the default).
  await updateProfile(app, v('sofia_r').accountId, { place_public: true });
}
