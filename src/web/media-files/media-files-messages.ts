/** Texts of the errors of `src/media/` (uploads, processing). Spread into the catalogues of `src/web/i18n`. */
export const mediaFilesEs = {
  'media.notReady': 'El archivo aún se está procesando. Inténtalo de nuevo en un momento.',
  'media.processingFailed': 'No se pudo procesar el archivo; súbelo de nuevo.',
  'media.videoTooLong': 'Los vídeos pueden durar como máximo {max} segundos; este dura {seconds}.',
};

export const mediaFilesEn: Record<keyof typeof mediaFilesEs, string> = {
  'media.notReady': 'The file is still being processed. Try again in a moment.',
  'media.processingFailed': 'The file could not be processed; upload it again.',
  'media.videoTooLong': 'Videos may be at most {max} seconds long; this one lasts {seconds}.',
};
