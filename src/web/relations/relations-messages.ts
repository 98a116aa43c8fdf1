/**
 * Messages of follows and follow requests (profile follow button, the follow requests page, the
 * "approve followers" setting), spread into the catalogues of `src/web/i18n` (es.ts / en.ts).
 */
export const relationsEs = {
  'relations.requestFollow': 'Solicitar seguir',
  'relations.pending': 'Solicitud pendiente',
  'relations.withdraw': 'Retirar solicitud',
  'relations.lockedNote': 'Esta cuenta aprueba manualmente a sus seguidores.',
  'relations.requested': 'Has pedido seguir a {name}. Verás sus publicaciones para seguidores cuando acepte tu solicitud.',
  'relations.withdrawn': 'Has retirado tu solicitud para seguir a {name}.',
  'followRequests.title': 'Solicitudes de seguimiento',
  'followRequests.lead': 'Estas cuentas quieren seguirte. Si aceptas, verán tus publicaciones solo para seguidores.',
  'followRequests.empty': 'No tienes solicitudes de seguimiento pendientes.',
  'followRequests.accept': 'Aceptar',
  'followRequests.reject': 'Rechazar',
  'followRequests.accepted': 'Solicitud aceptada: esa cuenta ya te sigue.',
  'followRequests.rejected': 'Solicitud rechazada.',
  'followRequests.pendingLink': 'Solicitudes de seguimiento pendientes: {count}',
  'notifications.followRequest': '{name} quiere seguirte',
  'notifications.viewFollowRequests': 'Ver solicitudes',
  'settings.privacy': 'Privacidad',
  'settings.locked': 'Aprobar seguidores manualmente',
  'settings.lockedHint': 'Quien quiera seguirte te enviará una solicitud y solo verá tus publicaciones para seguidores cuando la aceptes.',
} as const;

export const relationsEn: Record<keyof typeof relationsEs, string> = {
  'relations.requestFollow': 'Request to follow',
  'relations.pending': 'Pending',
  'relations.withdraw': 'Withdraw request',
  'relations.lockedNote': 'This account approves its followers manually.',
  'relations.requested': 'You asked to follow {name}. You will see their followers-only posts once they accept your request.',
  'relations.withdrawn': 'You withdrew your request to follow {name}.',
  'followRequests.title': 'Follow requests',
  'followRequests.lead': 'These accounts want to follow you. If you accept, they will see your followers-only posts.',
  'followRequests.empty': 'You have no pending follow requests.',
  'followRequests.accept': 'Accept',
  'followRequests.reject': 'Reject',
  'followRequests.accepted': 'Request accepted: that account now follows you.',
  'followRequests.rejected': 'Request rejected.',
  'followRequests.pendingLink': 'Pending follow requests: {count}',
  'notifications.followRequest': '{name} has requested to follow you',
  'notifications.viewFollowRequests': 'See requests',
  'settings.privacy': 'Privacy',
  'settings.locked': 'Approve followers manually',
  'settings.lockedHint': 'People who want to follow you send a request, and only see your followers-only posts once you accept it.',
};
