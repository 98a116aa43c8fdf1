/** The web interface's words for announcements (spread into es.ts and en.ts). */
export const announcementsEs = {
  'announcements.title': 'Anuncios de la administración',
  'announcements.dismiss': 'Cerrar',
  'announcements.dismissLabel': 'Cerrar el anuncio: ya lo he leído',
} as const;

export const announcementsEn: Record<keyof typeof announcementsEs, string> = {
  'announcements.title': 'Announcements from the administrators',
  'announcements.dismiss': 'Dismiss',
  'announcements.dismissLabel': 'Dismiss the announcement: I have read it',
};
