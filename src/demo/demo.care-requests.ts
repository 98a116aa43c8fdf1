import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { answerCareRequest, closeCareRequest, createCareRequest } from '../care-requests/care-requests.service.js';
import type { CareRequestKind } from '../care-requests/care-requests.js';
import { updatePractice } from '../practice/practice.service.js';
import type { PracticeInput } from '../practice/practice.js';

/**
 * Practice information and care requests of the demo world: the Clínica San Vicente and several
 * professionals show where and when they see people; patients have asked the clinic and
 * professionals for appointments, about services and for paperwork, in every state (new,
 * answered, closed), with answer times that give the clinic a median on its profile (3 h).
 */

const weekdays = (ranges: { from: string; to: string }[]) => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });

const PRACTICES: [string, PracticeInput][] = [
  [
    'clinica_sanvicente',
    {
      addresses: [
        { street: 'Calle de San Vicente Ferrer 42', postal_code: '28004', city: 'Madrid', country: 'ES' },
        { street: 'Avenida de la Albufera 118', postal_code: '28038', city: 'Madrid', country: 'ES' },
      ],
      opening_hours: { ...weekdays([{ from: '08:30', to: '14:00' }, { from: '16:00', to: '20:30' }]), sat: [{ from: '09:00', to: '13:00' }] },
      phone: '+34 910 000 142',
      website: 'https://clinicasanvicente.example/citas',
      languages: ['es', 'en', 'fr'],
      insurers: 'Sanitas, Adeslas, DKV, Asisa, MUFACE, privados',
      accepts_online_requests: true,
    },
  ],
  [
    'dra_lucia_moreno',
    {
      addresses: [{ street: 'Calle de San Vicente Ferrer 42, 2.º', postal_code: '28004', city: 'Madrid', country: 'ES' }],
      opening_hours: { mon: [{ from: '16:00', to: '20:00' }], wed: [{ from: '16:00', to: '20:00' }], thu: [{ from: '09:00', to: '13:00' }] },
      languages: ['es', 'en'],
      insurers: 'Sanitas, DKV',
      accepts_online_requests: true,
    },
  ],
  [
    'dr_javier_ruiz',
    {
      addresses: [{ street: 'Avenida de la Constitución 7', postal_code: '41001', city: 'Sevilla', country: 'ES' }],
      opening_hours: weekdays([{ from: '09:00', to: '14:00' }]),
      phone: '+34 954 000 707',
      languages: ['es'],
      insurers: 'Adeslas, Asisa',
      accepts_online_requests: true,
    },
  ],
  [
    'psic_andres_vidal',
    {
      addresses: [{ street: 'Carrer de Còrsega 301', postal_code: '08008', city: 'Barcelona', country: 'ES' }],
      opening_hours: { tue: [{ from: '10:00', to: '19:00' }], thu: [{ from: '10:00', to: '19:00' }], fri: [{ from: '10:00', to: '14:00' }] },
      website: 'https://andresvidal-psicologia.example',
      languages: ['es', 'ca', 'en'],
      accepts_online_requests: true,
    },
  ],
  [
    'enf_marta_gil',
    {
      addresses: [{ street: 'Centro de Salud Ruzafa, Calle de Sueca 31', postal_code: '46006', city: 'Valencia', country: 'ES' }],
      opening_hours: weekdays([{ from: '08:00', to: '15:00' }]),
      languages: ['es', 'ca'],
      accepts_online_requests: false,
    },
  ],
];

interface DemoRequest {
  from: string;
  to: string;
  kind: CareRequestKind;
  /** Days from now of the preferred slots (appointments). */
  slots?: [days: number, from: string, to: string][];
  text: string;
  /** Made this many hours ago. */
  hoursAgo: number;
  /** Answered this many hours after it was made, with this text. */
  answer?: [hours: number, text: string];
  closedBy?: 'requester' | 'target';
}

const REQUESTS: DemoRequest[] = [
  {
    from: 'luis_m',
    to: 'clinica_sanvicente',
    kind: 'appointment',
    slots: [[3, '09:00', '11:00'], [4, '17:00', '19:00']],
    text: 'Buenas tardes, querría una cita con cardiología para revisar la tensión. Me viene bien por la mañana o a última hora.',
    hoursAgo: 70,
    answer: [3, 'Hola Luis, le damos cita el día que propone a las 9:30 con la Dra. Moreno. Traiga su registro de tensión, por favor.'],
    closedBy: 'requester',
  },
  {
    from: 'carlos_dt1',
    to: 'clinica_sanvicente',
    kind: 'service_question',
    text: '¿Hacéis consulta de nutrición para personas con diabetes tipo 1? ¿La cubre Sanitas?',
    hoursAgo: 50,
    answer: [1.5, 'Sí, Carmen López pasa consulta de nutrición los martes y jueves y Sanitas la cubre. ¿Quiere que le reservemos?'],
  },
  {
    from: 'sofia_r',
    to: 'clinica_sanvicente',
    kind: 'appointment',
    slots: [[5, '10:00', '12:00'], [6, '10:00', '12:00'], [7, '16:00', '18:00']],
    text: 'Hello, I would like a physiotherapy appointment for lower back pain. Any of these mornings works for me.',
    hoursAgo: 30,
    answer: [5, 'Hello Sofía, we can see you on the first date you suggest at 10:30. Please bring comfortable clothes.'],
  },
  {
    from: 'enf_marta_gil',
    to: 'clinica_sanvicente',
    kind: 'administrative',
    text: 'Buenos días, ¿a quién envío el informe de continuidad de cuidados de un paciente que se deriva a vuestra fisioterapia?',
    hoursAgo: 4,
  },
  {
    from: 'carlos_dt1',
    to: 'dra_lucia_moreno',
    kind: 'appointment',
    slots: [[8, '16:00', '18:00']],
    text: 'Doctora, mi endocrino me recomienda una revisión cardiológica. ¿Tiene hueco un miércoles por la tarde?',
    hoursAgo: 2,
  },
  {
    from: 'sofia_r',
    to: 'psic_andres_vidal',
    kind: 'service_question',
    text: 'Do you offer online sessions in English for anxiety?',
    hoursAgo: 100,
    answer: [20, 'Yes, I offer online sessions in English on Tuesdays and Thursdays. Write to me here when you want to start.'],
    closedBy: 'target',
  },
];

const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000);

export async function seedDemoCareRequests(app: AppContext, viewers: Map<string, Viewer>): Promise<void> {
  for (const [username, practice] of PRACTICES) await updatePractice(app, viewers.get(username)!, practice);
  for (const r of REQUESTS) {
    const from = viewers.get(r.from)!;
    const to = viewers.get(r.to)!;
    const slots = (r.slots ?? []).map(([days, f, t]) => ({ date: new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10), from: f, to: t }));
    const request = await createCareRequest(app, from, { account_id: to.accountId, kind: r.kind, slots, text: r.text });
    const created = at(r.hoursAgo);
    await app.db.updateTable('care_requests').set({ created_at: created }).where('id', '=', request.id).execute();
    if (request.status_id) await app.db.updateTable('statuses').set({ created_at: created }).where('id', '=', request.status_id).execute();
    if (r.answer) {
      const [hours, text] = r.answer;
      const answered = new Date(created.getTime() + hours * 3_600_000);
      const { statusId } = await answerCareRequest(app, to, request.id, text);
      await app.db.updateTable('care_requests').set({ first_answered_at: answered }).where('id', '=', request.id).execute();
      await app.db.updateTable('statuses').set({ created_at: answered }).where('id', '=', statusId).execute();
    }
    if (r.closedBy) {
      await closeCareRequest(app, r.closedBy === 'requester' ? from : to, request.id);
      await app.db.updateTable('care_requests').set({ closed_at: at(Math.max(1, r.hoursAgo - 30)) }).where('id', '=', request.id).execute();
    }
  }
}
