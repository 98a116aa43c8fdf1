/**
 * Messages of bookmarks, pins, polls and scheduled posts (their errors and the poll on a status
 * card). Spread into `es.ts` and `en.ts`.
 */
export const statusExtrasEs = {
  'pins.notOwn': 'Solo puedes fijar tus propias publicaciones.',
  'pins.reblog': 'Un impulso no se puede fijar.',
  'pins.direct': 'Un mensaje privado no se puede fijar.',
  'pins.limit': 'Puedes fijar como máximo {max} publicaciones.',

  'polls.tooFewOptions': 'Una encuesta necesita al menos dos opciones.',
  'polls.tooManyOptions': 'Una encuesta puede tener como máximo {max} opciones.',
  'polls.optionTooLong': 'Cada opción puede tener como máximo {max} caracteres.',
  'polls.optionBlank': 'Las opciones no pueden estar vacías.',
  'polls.duplicateOptions': 'Las opciones de una encuesta no pueden repetirse.',
  'polls.durationTooShort': 'Una encuesta debe durar al menos {minutes} minutos.',
  'polls.durationTooLong': 'Una encuesta puede durar como máximo {days} días.',
  'polls.withMedia': 'Una publicación con encuesta no puede llevar archivos adjuntos.',
  'polls.notInMessages': 'Los mensajes privados no pueden llevar encuestas.',
  'polls.notInArticles': 'Los artículos no pueden llevar encuestas.',
  'polls.noEdit': 'Las encuestas no se pueden cambiar al editar.',
  'polls.expired': 'La encuesta ha terminado.',
  'polls.alreadyVoted': 'Ya has votado en esta encuesta.',
  'polls.invalidChoice': 'Esa opción no existe en la encuesta.',
  'polls.ownPoll': 'No puedes votar en tus propias encuestas.',
  'polls.oneChoice': 'En esta encuesta solo se puede elegir una opción.',
  'polls.noChoice': 'Elige al menos una opción.',

  'scheduled.tooSoon': 'Una publicación programada debe estar al menos {minutes} minutos en el futuro.',
  'scheduled.notMessages': 'Los mensajes privados no se pueden programar.',
  'scheduled.totalLimit': 'Puedes tener como máximo {max} publicaciones programadas.',
  'scheduled.dailyLimit': 'Puedes programar como máximo {max} publicaciones para un mismo día.',

  'poll.label': 'Encuesta',
  'poll.vote': 'Votar',
  'poll.votes': 'Votos: {count}',
  'poll.voters': 'Participantes: {count}',
  'poll.endsAt': 'Termina el {date}',
  'poll.ended': 'Encuesta terminada',
  'poll.totalsHidden': 'Los resultados se verán cuando termine.',
  'poll.yourChoice': 'tu elección',

  'profile.pinned': 'Publicaciones fijadas',
  'notifications.poll': 'Ha terminado una encuesta de {name}: mira los resultados',
  'notificationPrefs.group.polls': 'Encuestas que terminan (tuyas o en las que votaste)',
} as const;

export const statusExtrasEn: Record<keyof typeof statusExtrasEs, string> = {
  'pins.notOwn': 'You can only pin your own posts.',
  'pins.reblog': 'A boost cannot be pinned.',
  'pins.direct': 'A private message cannot be pinned.',
  'pins.limit': 'You can pin at most {max} posts.',

  'polls.tooFewOptions': 'A poll needs at least two options.',
  'polls.tooManyOptions': 'A poll may have at most {max} options.',
  'polls.optionTooLong': 'Each option may be at most {max} characters long.',
  'polls.optionBlank': 'Poll options cannot be blank.',
  'polls.duplicateOptions': 'A poll cannot have the same option twice.',
  'polls.durationTooShort': 'A poll must last at least {minutes} minutes.',
  'polls.durationTooLong': 'A poll may last at most {days} days.',
  'polls.withMedia': 'A post with a poll cannot have media attachments.',
  'polls.notInMessages': 'Private messages cannot have polls.',
  'polls.notInArticles': 'Articles cannot have polls.',
  'polls.noEdit': 'Polls cannot be changed by editing.',
  'polls.expired': 'The poll has ended.',
  'polls.alreadyVoted': 'You have already voted in this poll.',
  'polls.invalidChoice': 'That option is not in the poll.',
  'polls.ownPoll': 'You cannot vote in your own polls.',
  'polls.oneChoice': 'Only one option can be chosen in this poll.',
  'polls.noChoice': 'Choose at least one option.',

  'scheduled.tooSoon': 'A scheduled post must be at least {minutes} minutes in the future.',
  'scheduled.notMessages': 'Private messages cannot be scheduled.',
  'scheduled.totalLimit': 'You can have at most {max} scheduled posts.',
  'scheduled.dailyLimit': 'You can schedule at most {max} posts for the same day.',

  'poll.label': 'Poll',
  'poll.vote': 'Vote',
  'poll.votes': 'Votes: {count}',
  'poll.voters': 'Voters: {count}',
  'poll.endsAt': 'Ends {date}',
  'poll.ended': 'Poll ended',
  'poll.totalsHidden': 'Results will show when it ends.',
  'poll.yourChoice': 'your choice',

  'profile.pinned': 'Pinned posts',
  'notifications.poll': 'A poll by {name} has ended: see the results',
  'notificationPrefs.group.polls': 'Polls that end (yours or ones you voted in)',
};
