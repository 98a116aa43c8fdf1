/** Messages of the live updates (`static/live.js`). Spread into the catalogues of `src/web/i18n`. */
export const liveEs = {
  'live.newPosts': 'Hay publicaciones nuevas',
  'live.show': 'mostrar',
  'live.unread': 'sin leer',
};

export const liveEn: Record<keyof typeof liveEs, string> = {
  'live.newPosts': 'New posts',
  'live.show': 'show',
  'live.unread': 'unread',
};
