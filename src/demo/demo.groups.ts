import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { createGroupPost, pinGroupPost } from '../groups/group-posts.service.js';
import { reportGroupPost } from '../groups/group-reports.service.js';
import { actOnMember, addResource, answerInvitation, createGroup, groupById, inviteToGroup, joinGroup, setPseudonym } from '../groups/groups.service.js';

/**
 * Support groups of the demo world: a public group about type 1 diabetes run from Asociación
 * Diabetes Hoy's page (with an expert nurse, a pinned post, replies and resources), a private
 * group about perinatal grief with a pseudonymous member and a pending join request, and a
 * public group about anxiety created by a patient. The diabetes group has a report in its
 * moderation queue.
 */
export async function seedDemoGroups(app: AppContext, viewers: Map<string, Viewer>): Promise<void> {
  const v = (name: string) => viewers.get(name)!;
  const post = async (group: string, author: string, text: string, pseudonymous = false, parentId: string | null = null) =>
    createGroupPost(app, await groupById(app, v(author), group), { text, pseudonymous }, parentId);

  const diabetes = await createGroup(app, v('asoc_diabetes'), {
    name: 'Diabetes tipo 1',
    description: 'Grupo de la Asociación Diabetes Hoy para personas con diabetes tipo 1 y sus familias: sensores, insulina, deporte y día a día.',
    rules: 'Respeto ante todo. No compartas dosis como recomendación: cada pauta la decide tu equipo sanitario. Nada de datos personales de otras personas.',
    tags: ['diabetes', 'endocrinología'],
    visibility: 'public',
    organisation: true,
  });
  await inviteToGroup(app, v('asoc_diabetes'), diabetes.id, 'enf_marta_gil', true);
  await answerInvitation(app, v('enf_marta_gil'), diabetes.id, true);
  for (const name of ['carlos_dt1', 'luis_m', 'sofia_r']) await joinGroup(app, v(name), diabetes.id);
  const welcome = await post(diabetes.id, 'asoc_diabetes', 'Bienvenidas y bienvenidos. Presentaos si queréis: cuánto tiempo lleváis con la diabetes y qué os gustaría aprender aquí.');
  await pinGroupPost(app, v('asoc_diabetes'), welcome.id, true);
  await post(diabetes.id, 'carlos_dt1', 'Diagnosticado hace 12 años. Me encantaría saber cómo gestionáis las hipoglucemias cuando salís a correr.', false, welcome.id);
  const sensor = await post(diabetes.id, 'luis_m', '¿A alguien más se le despega el sensor con el calor? Busco trucos que funcionen.');
  await post(diabetes.id, 'enf_marta_gil', 'Limpia la piel con alcohol y deja que seque del todo; un parche adhesivo transparente encima ayuda mucho. Si se irrita la piel, coméntalo en tu centro de salud.', false, sensor.id);
  await addResource(app, v('asoc_diabetes'), diabetes.id, { title: 'Guía de la Sociedad Española de Diabetes', url: 'https://www.sediabetes.org', note: 'Información para pacientes', position: 0 });
  // A report waiting in the group's moderation queue.
  await reportGroupPost(app, v('sofia_r'), sensor.id, 'Creo que esto debería revisarlo alguien del equipo.');
  await addResource(app, v('asoc_diabetes'), diabetes.id, { title: 'Asociación Diabetes Hoy', url: 'https://example.org/diabetes-hoy', note: 'Talleres y reuniones', position: 1 });

  const duelo = await createGroup(app, v('psic_andres_vidal'), {
    name: 'Duelo perinatal',
    description: 'Un espacio privado para madres y padres que han perdido a un bebé durante el embarazo o poco después del parto.',
    rules: 'Lo que se comparte aquí se queda aquí. Puedes escribir con seudónimo. Sin juicios ni consejos no pedidos.',
    tags: ['duelo', 'embarazo', 'salud mental'],
    visibility: 'private',
    organisation: false,
  });
  for (const name of ['ana_paciente', 'sofia_r', 'luis_m']) await joinGroup(app, v(name), duelo.id);
  for (const name of ['ana_paciente', 'sofia_r']) await actOnMember(app, v('psic_andres_vidal'), duelo.id, v(name).accountId, 'approve');
  // luis_m's request stays pending; ana_paciente writes under a pseudonym.
  await setPseudonym(app, v('ana_paciente'), duelo.id, 'Luna');
  const first = await post(duelo.id, 'psic_andres_vidal', 'Bienvenidas a este espacio. Aquí podéis contar vuestra historia cuando os sintáis preparadas, o simplemente leer.');
  await pinGroupPost(app, v('psic_andres_vidal'), first.id, true);
  const luna = await post(duelo.id, 'ana_paciente', 'Han pasado tres meses y todavía me cuesta hablarlo con mi familia. Leeros me ayuda.', true);
  await post(duelo.id, 'sofia_r', 'Thank you for sharing. It took me a long time too; you are not alone.', false, luna.id);
  await addResource(app, v('psic_andres_vidal'), duelo.id, { title: 'Asociación Umamanita', url: 'https://www.umamanita.es', note: 'Apoyo en la muerte perinatal', position: 0 });

  const ansiedad = await createGroup(app, v('carlos_dt1'), {
    name: 'Ansiedad en el día a día',
    description: 'Compartimos lo que nos ayuda con la ansiedad: rutinas, respiración, pedir ayuda.',
    rules: 'Sin diagnósticos entre miembros. Si estás en crisis, llama al 024.',
    tags: ['ansiedad', 'salud mental'],
    visibility: 'public',
    organisation: false,
  });
  await joinGroup(app, v('sofia_r'), ansiedad.id);
  await post(ansiedad.id, 'carlos_dt1', 'A mí me ayuda salir a caminar diez minutos cuando noto que empieza. ¿Y a vosotros?');
}
