import type { PushAlertType } from './push.table.js';

/**
 * The title and body of a push message in the recipient's language (Mastodon's wording). The
 * body of a private message is never its text: a push goes through the phone maker's servers and
 * lock screens, and private messages carry health details.
 */
const TITLES: Record<'es' | 'en', Record<PushAlertType, (name: string) => string>> = {
  es: {
    mention: (n) => `${n} te ha mencionado`,
    status: (n) => `${n} acaba de publicar`,
    reblog: (n) => `${n} ha compartido tu publicación`,
    follow: (n) => `${n} te sigue`,
    follow_request: (n) => `Nueva solicitud de seguimiento de ${n}`,
    favourite: (n) => `A ${n} le ha gustado tu publicación`,
    poll: () => 'Ha terminado una encuesta en la que votaste',
    update: (n) => `${n} ha editado una publicación`,
    'admin.sign_up': (n) => `${n} se ha registrado`,
    'admin.report': (n) => `${n} ha enviado una denuncia`,
  },
  en: {
    mention: (n) => `You were mentioned by ${n}`,
    status: (n) => `${n} just posted`,
    reblog: (n) => `${n} boosted your post`,
    follow: (n) => `${n} is now following you`,
    follow_request: (n) => `New follow request from ${n}`,
    favourite: (n) => `${n} favourited your post`,
    poll: () => 'A poll you voted in has ended',
    update: (n) => `${n} edited a post`,
    'admin.sign_up': (n) => `${n} signed up`,
    'admin.report': (n) => `${n} filed a report`,
  },
};

const PRIVATE_MESSAGE_TITLE = { es: (n: string) => `Mensaje privado de ${n}`, en: (n: string) => `Private message from ${n}` };
export const PRIVATE_MESSAGE_BODY = { es: 'Tienes un mensaje privado nuevo', en: 'You have a new private message' } as const;

export function pushTitle(locale: 'es' | 'en', type: PushAlertType, name: string, privateMessage: boolean): string {
  return privateMessage ? PRIVATE_MESSAGE_TITLE[locale](name) : TITLES[locale][type](name);
}
