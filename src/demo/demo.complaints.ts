import type { AppContext } from '../app-context.js';
import { addEntry, closeComplaint, moveToPrivate, openComplaint, removeComplaint, resolveComplaint } from '../complaints/complaints.service.js';
import type { DemoViewers } from './demo.seed.js';

/**
 * Complaints of the demo world, about the Clínica San Vicente and Dra. Lucía Moreno, in every
 * state: open, answered, moved to a private conversation, resolved, closed by moderation and one
 * removed by moderation; public and private. Their times are set back to realistic ones (days
 * ago, answered after hours), so the profiles show the share answered and the median
 * first-response time: the clinic 75 % in a median of 2 h, the doctor 67 % in about 1¾ h.
 */
interface DemoComplaint {
  by: string;
  about: string;
  visibility: 'public' | 'private';
  subject: string;
  text: string;
  daysAgo: number;
  /** [author, text, hours after the complaint was filed]. */
  thread?: [string, string, number][];
  /** Hours after filing when the target moved it to private. */
  movedAfter?: number;
  resolved?: boolean;
  closed?: string;
  removed?: string;
}

const CLINIC = 'clinica_sanvicente';
const DOCTOR = 'dra_lucia_moreno';

const COMPLAINTS: DemoComplaint[] = [
  {
    by: 'ana_paciente',
    about: CLINIC,
    visibility: 'public',
    subject: 'Tres horas de espera en urgencias sin información',
    text: 'El sábado fui a urgencias con mi madre, de 82 años. Esperamos tres horas en la sala sin que nadie nos dijera nada ni cuánto faltaba.\n\nEntiendo que haya casos más graves, pero un aviso de vez en cuando habría ayudado mucho.',
    daysAgo: 21,
    thread: [
      [CLINIC, 'Lamentamos mucho la espera y, sobre todo, la falta de información. Ese sábado hubo tres ingresos graves a la vez. Hemos pedido al equipo de triaje que informe cada 30 minutos a quienes esperan.', 2],
      ['ana_paciente', 'Gracias por la respuesta y por el cambio. Mi madre ya está bien.', 5],
    ],
    resolved: true,
  },
  {
    by: 'carlos_dt1',
    about: CLINIC,
    visibility: 'public',
    subject: 'Me cobraron una analítica que cubre mi seguro',
    text: 'En la revisión de diabetes me cobraron la hemoglobina glicosilada como prueba privada, aunque mi seguro la cubre. En recepción me dijeron que reclamara por escrito.',
    daysAgo: 12,
    thread: [[CLINIC, 'Gracias por avisarnos, Carlos. Para revisar la factura necesitamos datos de tu póliza: seguimos por mensaje privado.', 5]],
    movedAfter: 5.1,
  },
  {
    by: 'luis_m',
    about: CLINIC,
    visibility: 'private',
    subject: 'Comentaron mi diagnóstico en voz alta en la sala de espera',
    text: 'Al llamarme a consulta, una persona del personal dijo en voz alta el motivo de mi visita delante de otros pacientes. Prefiero que esto no sea público, pero quiero que lo sepan y que no vuelva a pasar.',
    daysAgo: 3,
  },
  {
    by: 'sofia_r',
    about: CLINIC,
    visibility: 'public',
    subject: 'Appointment cancelled the same morning',
    text: 'My physiotherapy appointment was cancelled by text message two hours before it started, and the next free slot is in three weeks. Could cancellations at least come with an earlier alternative?',
    daysAgo: 6,
    thread: [[CLINIC, 'Sorry, Sofía: the physiotherapist was ill that morning. We have added you to the waiting list for cancellations and will call you as soon as a slot frees up.', 1]],
  },
  {
    by: 'luis_m',
    about: DOCTOR,
    visibility: 'public',
    subject: 'La consulta duró cinco minutos',
    text: 'Fui por un dolor en el pecho que me preocupaba y la consulta duró cinco minutos. Salí sin saber si tenía que hacerme más pruebas.',
    daysAgo: 40,
    closed: 'Las dos partes lo resolvieron por teléfono y pidieron cerrar la reclamación.',
  },
  {
    by: 'carlos_dt1',
    about: DOCTOR,
    visibility: 'public',
    subject: 'Opinión sobre esta doctora',
    text: 'No tengo cita con ella, pero he leído sus publicaciones y me parece una incompetente que no debería ejercer la medicina.',
    daysAgo: 9,
    removed: 'No trata de una atención recibida: es un ataque personal. Las reclamaciones son para contar lo que pasó en una atención.',
  },
  {
    by: 'ana_paciente',
    about: DOCTOR,
    visibility: 'private',
    subject: 'No me quedó clara la pauta de la medicación',
    text: 'En la última consulta me cambió la pauta del antihipertensivo, pero en el informe pone otra dosis distinta. No sé cuál de las dos seguir.',
    daysAgo: 15,
    thread: [
      [DOCTOR, 'Tienes razón, Ana: el informe tenía un error. La dosis correcta es la que hablamos en consulta, media pastilla por la mañana. Ya está corregido en tu historia.', 3],
      ['ana_paciente', 'Perfecto, muchas gracias por aclararlo tan rápido.', 4],
    ],
  },
  {
    by: 'sofia_r',
    about: DOCTOR,
    visibility: 'public',
    subject: 'Test results took too long to reach me',
    text: 'My ECG results were ready a week before anyone told me. I only found out when I called. A notification would have saved me a lot of worry.',
    daysAgo: 30,
    thread: [[DOCTOR, 'Thank you for telling me. The results now go to your patient portal the day they arrive, and I review them within 48 hours.', 0.5]],
    resolved: true,
  },
];

const HOUR = 3_600_000;

export async function seedDemoComplaints(app: AppContext, viewers: DemoViewers): Promise<void> {
  const moderator = viewers.get('moderadora_eva')!;
  const as = (name: string) => viewers.get(name)!;
  for (const demo of COMPLAINTS) {
    const by = as(demo.by);
    const target = as(demo.about);
    const row = await openComplaint(app, by, { account_id: target.accountId, subject: demo.subject, text: demo.text, visibility: demo.visibility, confirm_personal_data: undefined });
    const filed = new Date(Date.now() - demo.daysAgo * 24 * HOUR);
    await app.db.updateTable('complaints').set({ created_at: filed }).where('id', '=', row.id).execute();
    let firstResponse: Date | null = null;
    for (const [author, text, hours] of demo.thread ?? []) {
      const entry = await addEntry(app, as(author), row.id, { text, confirm_personal_data: true });
      const at = new Date(filed.getTime() + hours * HOUR);
      await app.db.updateTable('complaint_entries').set({ created_at: at }).where('id', '=', entry.id).execute();
      if (author === demo.about && !firstResponse) firstResponse = at;
    }
    if (demo.movedAfter !== undefined) {
      await moveToPrivate(app, target, row.id);
      const at = new Date(filed.getTime() + demo.movedAfter * HOUR);
      await app.db.updateTable('complaints').set({ moved_to_private_at: at }).where('id', '=', row.id).execute();
      await app.db.updateTable('complaint_entries').set({ created_at: at }).where('complaint_id', '=', row.id).where('kind', '=', 'moved_to_private').execute();
      firstResponse ??= at;
    }
    if (firstResponse) await app.db.updateTable('complaints').set({ first_response_at: firstResponse }).where('id', '=', row.id).execute();
    const lastHours = Math.max(0, ...(demo.thread ?? []).map(([, , h]) => h)) + 2;
    const endedAt = new Date(filed.getTime() + lastHours * HOUR);
    if (demo.resolved) {
      await resolveComplaint(app, by, row.id);
      await app.db.updateTable('complaints').set({ resolved_at: endedAt }).where('id', '=', row.id).execute();
    }
    if (demo.closed) {
      await closeComplaint(app, moderator, row.id, { reason: demo.closed });
      await app.db.updateTable('complaints').set({ closed_at: new Date(filed.getTime() + 3 * 24 * HOUR) }).where('id', '=', row.id).execute();
    }
    if (demo.removed) await removeComplaint(app, moderator, row.id, { reason: demo.removed });
  }
}
