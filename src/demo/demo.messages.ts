import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { sendMessage, startConversation } from '../messages/send-message.service.js';

/**
 * Private conversations of the demo world: a patient and her cardiologist, a small group of a
 * nurse with two patients, and a pending message request (a stranger writing to Ana, whose
 * default setting lets only verified professionals and accounts she follows in directly).
 */
interface DemoConversation {
  from: string;
  to: string[];
  /** Messages in order: [author, text]. */
  messages: [string, string][];
}

const CONVERSATIONS: DemoConversation[] = [
  {
    from: 'dra_lucia_moreno',
    to: ['ana_paciente'],
    messages: [
      ['dra_lucia_moreno', 'Hola Ana, he visto tu pregunta sobre la tensión por la mañana. Si quieres, cuéntame por aquí qué valores te salen: así no quedan en público.'],
      ['ana_paciente', 'Gracias, doctora. Esta semana me han salido 145/95 al levantarme, y por la tarde 130/85.'],
      ['dra_lucia_moreno', 'Conviene que lo valore tu médica de cabecera pronto. Mientras, anota las medidas dos veces al día durante una semana y llévale el registro.'],
    ],
  },
  {
    from: 'enf_marta_gil',
    to: ['carlos_dt1', 'luis_m'],
    messages: [
      ['enf_marta_gil', 'Os he juntado aquí a los dos para resolver dudas sobre el sensor de glucosa, como hablamos.'],
      ['carlos_dt1', 'Genial. A mí se me despega a los pocos días con el calor.'],
      ['luis_m', 'Me pasaba lo mismo; un parche adhesivo encima me funciona.'],
    ],
  },
  {
    from: 'luis_m',
    to: ['ana_paciente'],
    messages: [['luis_m', 'Hola Ana, he leído tu consulta. Yo también tengo la tensión alta, ¿te apetece que compartamos cómo lo llevamos?']],
  },
];

export async function seedDemoMessages(app: AppContext, viewers: Map<string, Viewer>): Promise<void> {
  for (const conversation of CONVERSATIONS) {
    const [first, ...rest] = conversation.messages;
    const started = await startConversation(app, viewers.get(conversation.from)!, {
      account_ids: conversation.to.map((name) => viewers.get(name)!.accountId),
      status: first![1],
      language: 'es',
    });
    for (const [author, text] of rest) await sendMessage(app, viewers.get(author)!, started.conversationId, { status: text, language: 'es' });
  }
}
