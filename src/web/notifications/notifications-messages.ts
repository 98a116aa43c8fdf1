/**
 * Messages of the notifications page: the reporter's notice (`medired.report`: what followed a
 * report, by kind of action only) and Consulta abierta's notices. Spread into the catalogues of
 * `src/web/i18n`.
 */
export const notificationsEs = {
  'notifications.reportOutcome.resolved': 'Hemos revisado tu denuncia y la hemos cerrado. Gracias por avisarnos.',
  'notifications.reportOutcome.dismissed': 'Hemos revisado tu denuncia: no incumple las normas, así que no se ha tomado ninguna medida.',
  'notifications.reportOutcome.content_hidden': 'Hemos revisado tu denuncia y hemos ocultado el contenido.',
  'notifications.reportOutcome.content_labelled': 'Hemos revisado tu denuncia y hemos etiquetado el contenido como engañoso.',
  'notifications.reportOutcome.content_removed': 'Hemos revisado tu denuncia y hemos retirado el contenido.',
  'notifications.reportOutcome.marked_sensitive': 'Hemos revisado tu denuncia y hemos marcado el contenido como sensible.',
  'notifications.reportOutcome.account_warned': 'Hemos revisado tu denuncia y hemos advertido a la cuenta.',
  'notifications.reportOutcome.account_limited': 'Hemos revisado tu denuncia y hemos limitado la cuenta.',
  'notifications.reportOutcome.account_suspended': 'Hemos revisado tu denuncia y hemos suspendido la cuenta.',
  'notifications.consulta.answer': 'Han respondido a tu consulta.',
  'notifications.consulta.accepted': 'Han aceptado tu respuesta como la más útil.',
  'notifications.consulta.question': 'Hay una consulta nueva de tu especialidad.',
  'notifications.consulta.comment': 'Hay un comentario nuevo en una consulta en la que participas.',
  'notifications.consulta.view': 'Ver la consulta',
} as const;

export const notificationsEn: Record<keyof typeof notificationsEs, string> = {
  'notifications.reportOutcome.resolved': 'We reviewed your report and closed it. Thank you for letting us know.',
  'notifications.reportOutcome.dismissed': 'We reviewed your report: it does not break the rules, so no action was taken.',
  'notifications.reportOutcome.content_hidden': 'We reviewed your report and hid the content.',
  'notifications.reportOutcome.content_labelled': 'We reviewed your report and labelled the content as misleading.',
  'notifications.reportOutcome.content_removed': 'We reviewed your report and removed the content.',
  'notifications.reportOutcome.marked_sensitive': 'We reviewed your report and marked the content as sensitive.',
  'notifications.reportOutcome.account_warned': 'We reviewed your report and warned the account.',
  'notifications.reportOutcome.account_limited': 'We reviewed your report and limited the account.',
  'notifications.reportOutcome.account_suspended': 'We reviewed your report and suspended the account.',
  'notifications.consulta.answer': 'Your question has a new answer.',
  'notifications.consulta.accepted': 'Your answer was accepted as the most helpful.',
  'notifications.consulta.question': 'There is a new question in your specialty.',
  'notifications.consulta.comment': 'There is a new comment on a question you take part in.',
  'notifications.consulta.view': 'View the question',
};
