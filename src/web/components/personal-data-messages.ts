/** Messages of the personal-data warning of posts and articles. Spread into the catalogues of `src/web/i18n`. */
export const personalDataEs = {
  'personalData.title': 'Esta publicación no es privada',
  'personalData.lead': 'Contiene datos que pueden identificarte a ti o a otra persona, y la podrá leer {audience}:',
  'personalData.audience.public': 'cualquiera, también fuera de Medired',
  'personalData.audience.unlisted': 'cualquiera que visite tu perfil o tenga el enlace',
  'personalData.audience.private': 'todas las personas que te siguen',
  'personalData.suggestion': 'Si quieres darle estos datos a alguien en concreto, mejor envíale un mensaje privado. Puedes quitarlos del texto y volver a publicar, o publicar igualmente: no se ha perdido nada de lo que has escrito, tampoco las imágenes subidas.',
  'personalData.publishAnyway': 'Publicar igualmente',
} as const;

export const personalDataEn: Record<keyof typeof personalDataEs, string> = {
  'personalData.title': 'This post is not private',
  'personalData.lead': 'It contains data that may identify you or someone else, and {audience} will be able to read it:',
  'personalData.audience.public': 'anyone, including people outside Medired,',
  'personalData.audience.unlisted': 'anyone who visits your profile or has the link',
  'personalData.audience.private': 'everyone who follows you',
  'personalData.suggestion': 'If you want to give this data to someone in particular, send them a private message instead. You can remove it from the text and post again, or publish anyway: nothing you typed has been lost, nor any uploaded image.',
  'personalData.publishAnyway': 'Publish anyway',
};
