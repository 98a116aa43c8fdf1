import { htmlToText } from '../../text/markdown.js';
import type { AnswerEntity, QuestionEntity, ShownAuthor } from '../../consultas/consultas.serializer.js';

function person(author: ShownAuthor | { account: AnswerEntity['account']; pseudonym: null }, publicUrl: string) {
  if (author.pseudonym || !author.account) return { '@type': 'Person', name: author.pseudonym ?? 'Anónimo' };
  return { '@type': 'Person', name: author.account.display_name || author.account.username, url: `${publicUrl}/@${author.account.acct}` };
}

/**
 * schema.org QAPage structured data of a question page. Data, not script: browsers do not run
 * it, so the CSP without inline scripts does not apply. `<` is escaped so the text can never
 * close the element. The asker appears by pseudonym when they chose one.
 */
export function questionJsonLd(question: QuestionEntity, answers: AnswerEntity[], publicUrl: string): string {
  const answer = (a: AnswerEntity) => ({
    '@type': 'Answer',
    text: htmlToText(a.content),
    dateCreated: a.created_at,
    upvoteCount: a.helpful_count,
    url: `${question.url}#a-${a.id}`,
    author: person({ account: a.account, pseudonym: null }, publicUrl),
  });
  const accepted = answers.find((a) => a.accepted);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: question.title,
      text: htmlToText(question.content),
      answerCount: answers.length,
      dateCreated: question.created_at,
      author: person({ account: question.asker.pseudonym ? null : question.asker.account, pseudonym: question.asker.pseudonym } as ShownAuthor, publicUrl),
      ...(accepted ? { acceptedAnswer: answer(accepted) } : {}),
      suggestedAnswer: answers.filter((a) => !a.accepted).map(answer),
    },
  };
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
