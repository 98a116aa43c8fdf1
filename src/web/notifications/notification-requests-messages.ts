/**
 * Messages of the notification requests page and the filtering policy on the notification
 * settings page (Mastodon 4.3's notification filtering). Spread into the catalogues of `src/web/i18n`.
 */
export const notificationRequestsEs = {
  'notificationRequests.title': 'Solicitudes de notificación',
  'notificationRequests.link': 'Solicitudes de notificación pendientes: {count} (avisos de personas que tu filtro ha apartado)',
  'notificationRequests.lead': 'Tu filtro de notificaciones ha apartado los avisos de estas personas. Si los aceptas, vuelven a tu lista y esa persona ya no se filtra; si los descartas, se borran.',
  'notificationRequests.empty': 'No hay solicitudes pendientes.',
  'notificationRequests.count': 'Avisos apartados: {count}',
  'notificationRequests.accept': 'Aceptar',
  'notificationRequests.dismiss': 'Descartar',
  'notificationRequests.accepted': 'Aceptada: sus avisos están de nuevo en tu lista.',
  'notificationRequests.dismissed': 'Descartada: sus avisos se han borrado.',
  'notificationPolicy.title': 'Filtrar avisos de desconocidos',
  'notificationPolicy.lead': 'Decide qué pasa con las menciones, favoritos, impulsos y seguimientos de cada tipo de cuenta: aceptarlos, apartarlos en «Solicitudes de notificación» o ignorarlos. Los avisos de salud (consultas, reclamaciones, solicitudes de atención) y las decisiones sobre tu cuenta no se filtran nunca.',
  'notificationPolicy.for_not_following': 'Personas a las que no sigues',
  'notificationPolicy.for_not_followers': 'Personas que no te siguen (o desde hace menos de 3 días)',
  'notificationPolicy.for_new_accounts': 'Cuentas creadas hace menos de 30 días',
  'notificationPolicy.for_private_mentions': 'Mensajes privados que no responden a una conversación tuya',
  'notificationPolicy.for_limited_accounts': 'Cuentas limitadas por el equipo de moderación',
  'notificationPolicy.accept': 'Aceptar',
  'notificationPolicy.filter': 'Apartar en solicitudes',
  'notificationPolicy.drop': 'Ignorar',
  'notificationPolicy.saved': 'Filtro de notificaciones guardado.',
} as const;

export const notificationRequestsEn: Record<keyof typeof notificationRequestsEs, string> = {
  'notificationRequests.title': 'Notification requests',
  'notificationRequests.link': 'Pending notification requests: {count} (notices from people your filter set aside)',
  'notificationRequests.lead': 'Your notification filter set aside the notices of these people. Accept them and they return to your list, and that person is no longer filtered; dismiss them and they are deleted.',
  'notificationRequests.empty': 'No pending requests.',
  'notificationRequests.count': 'Notices set aside: {count}',
  'notificationRequests.accept': 'Accept',
  'notificationRequests.dismiss': 'Dismiss',
  'notificationRequests.accepted': 'Accepted: their notices are back in your list.',
  'notificationRequests.dismissed': 'Dismissed: their notices were deleted.',
  'notificationPolicy.title': 'Filter notices from strangers',
  'notificationPolicy.lead': 'Choose what happens to mentions, favourites, boosts and follows from each kind of account: accept them, set them aside in "Notification requests" or ignore them. Health notices (consultations, complaints, care requests) and decisions about your account are never filtered.',
  'notificationPolicy.for_not_following': 'People you do not follow',
  'notificationPolicy.for_not_followers': 'People who do not follow you (or for less than 3 days)',
  'notificationPolicy.for_new_accounts': 'Accounts created less than 30 days ago',
  'notificationPolicy.for_private_mentions': 'Private messages that do not answer a conversation of yours',
  'notificationPolicy.for_limited_accounts': 'Accounts limited by the moderation team',
  'notificationPolicy.accept': 'Accept',
  'notificationPolicy.filter': 'Set aside in requests',
  'notificationPolicy.drop': 'Ignore',
  'notificationPolicy.saved': 'Notification filter saved.',
};
