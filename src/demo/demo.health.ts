import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { askQuestion } from '../consultas/questions.service.js';
import { postAnswer, setAcceptedAnswer } from '../consultas/answers.service.js';
import { setHelpfulVote } from '../consultas/helpful-votes.service.js';
import type { Specialty } from '../accounts/specialties.js';
import { publishAlert } from '../alerts/alerts.service.js';

interface DemoQuestion {
  asker: string;
  pseudonym?: string;
  title: string;
  body: string;
  specialty: Specialty;
  tags: string[];
  answers: { by: string; body: string; accepted?: boolean; helpfulFrom?: string[] }[];
}

/** Consulta abierta in the demo: answered (one with an accepted answer) and unanswered questions. */
const DEMO_QUESTIONS: DemoQuestion[] = [
  {
    asker: 'ana_paciente',
    title: '¿Puedo hacer ejercicio intenso si tengo la tensión alta?',
    body: 'Tengo hipertensión controlada con medicación desde hace cinco años. Me gustaría empezar a correr, pero me da miedo que me suba la tensión. ¿Hay algún tipo de ejercicio que deba evitar?',
    specialty: 'cardiology',
    tags: ['hipertension', 'ejercicio'],
    answers: [
      {
        by: 'dra_lucia_moreno',
        body: 'Con la tensión controlada, el ejercicio aeróbico (caminar rápido, correr suave, bici, natación) es muy recomendable y ayuda a bajarla. Empieza de forma progresiva y evita al principio los esfuerzos máximos bruscos y levantar mucho peso aguantando la respiración. Si notas dolor en el pecho, mareo o falta de aire desproporcionada, para y consúltalo. Coméntalo en tu próxima revisión por si conviene una prueba de esfuerzo.',
        accepted: true,
        helpfulFrom: ['ana_paciente', 'sofia_r', 'luis_m'],
      },
    ],
  },
  {
    asker: 'luis_m',
    pseudonym: 'Padre primerizo',
    title: '¿Cuántos días de fiebre son normales en un niño de 2 años?',
    body: 'Mi hijo lleva dos días con fiebre de 38,5 °C. Come menos pero juega y bebe bien. ¿Cuándo debería llevarlo al pediatra si no baja?',
    specialty: 'pediatrics',
    tags: ['fiebre', 'pediatria'],
    answers: [
      {
        by: 'dr_javier_ruiz',
        body: 'Si juega y bebe bien, es buena señal. Como orientación, consulta con su pediatra si la fiebre dura más de 72 horas, y antes si aparece dificultad para respirar, decaimiento intenso, manchas en la piel que no desaparecen al presionar, vómitos repetidos o si deja de beber. Ofrécele líquidos a menudo y el antitérmico a la dosis que corresponde a su peso.',
        helpfulFrom: ['luis_m', 'ana_paciente'],
      },
      {
        by: 'enf_marta_gil',
        body: 'Añado un consejo práctico de enfermería: apunta las temperaturas y las horas de cada dosis de antitérmico. Si tienes que consultar, esa información ayuda mucho al equipo que le atienda.',
        helpfulFrom: ['luis_m'],
      },
    ],
  },
  {
    asker: 'carlos_dt1',
    title: '¿Cómo ajustar la insulina cuando hago deporte por la tarde?',
    body: 'Juego al fútbol dos tardes por semana y a veces tengo hipoglucemias por la noche. ¿Qué suele recomendarse para ajustar la insulina o la comida esos días?',
    specialty: 'endocrinology',
    tags: ['diabetes', 'deporte'],
    answers: [],
  },
  {
    asker: 'sofia_r',
    pseudonym: 'Corredora nocturna',
    title: 'Me cuesta dormir desde que cambié de trabajo, ¿qué puedo hacer?',
    body: 'Desde hace un mes me despierto varias veces por la noche pensando en el trabajo. No tomo nada para dormir. ¿Qué hábitos me pueden ayudar antes de pedir cita?',
    specialty: 'clinical_psychology',
    tags: ['sueno', 'ansiedad'],
    answers: [],
  },
];

/** Questions, answers, helpful votes, an accepted answer and active health alerts. */
export async function seedDemoHealthContent(app: AppContext, viewers: Map<string, Viewer>): Promise<void> {
  for (const q of DEMO_QUESTIONS) {
    const question = await askQuestion(app, viewers.get(q.asker)!, {
      title: q.title,
      body: q.body,
      specialty: q.specialty,
      tags: q.tags,
      pseudonym: q.pseudonym ?? null,
      confirm_personal_data: false,
      confirm_emergency: false,
    });
    for (const a of q.answers) {
      const answer = await postAnswer(app, viewers.get(a.by)!, question.id, { body: a.body, confirm_personal_data: false });
      for (const voter of a.helpfulFrom ?? []) await setHelpfulVote(app, viewers.get(voter)!, answer.id, true);
      if (a.accepted) await setAcceptedAnswer(app, viewers.get(q.asker)!, answer.id, true);
    }
  }
  const days = (n: number) => new Date(Date.now() + n * 86_400_000);
  await publishAlert(app, viewers.get('salud_publica_mad')!, {
    title: 'Campaña de vacunación frente a la gripe y la COVID-19',
    body: 'Ya puedes pedir cita en tu centro de salud si tienes 60 años o más, estás embarazada, tienes una enfermedad crónica o trabajas en un centro sanitario o sociosanitario. Vacunarse protege también a quienes te rodean.',
    severity: 'warning',
    country: 'ES',
    city: 'Madrid',
    expires_at: days(45),
  });
  await publishAlert(app, viewers.get('clinica_sanvicente')!, {
    title: 'Cambio de horario por obras en la planta baja',
    body: 'Del 1 al 15 del mes próximo las consultas de la planta baja pasan a la primera planta. Las citas se mantienen a la misma hora.',
    severity: 'info',
    country: 'ES',
    city: 'Madrid',
    expires_at: days(20),
  });
}
