import type { Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { errorBody } from '../http/errors.js';
import type { HonoEnv } from '../http/hono-env.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { answerLimits, commentLimits, questionLimits } from './consulta-rate-limits.js';
import { idParams, zId } from '../http/schemas.js';
import { editAnswer, listAnswers, postAnswer, setAcceptedAnswer } from './answers.service.js';
import { deleteComment, listComments, postComment } from './comments.service.js';
import { questionForViewer } from './consulta-access.js';
import { listForProfessional, listQuestions, type QuestionPage } from './consulta-lists.js';
import { consultaStatsFor } from './consulta-stats.js';
import { isActiveAccount } from './consultas.repository.js';
import { answerInput, commentInput, listQuery, questionInput } from './consultas.js';
import { serializeAnswers, serializeComments, serializeQuestions } from './consultas.serializer.js';
import { setHelpfulVote } from './helpful-votes.service.js';
import { askQuestion, deleteQuestion, updateQuestion } from './questions.service.js';
import { ConsultaSafetyError } from './safety-gate.js';

const tags = ['consultas'];
const base = '/api/v1/medired/consultas';

const SAFETY_NOTE =
  'Emergency wording answers 422 with `medired.reason = "emergency_detected"`, the local emergency number and guidance (send again with confirm_emergency=true to post anyway); e-mails, phone numbers and ID numbers answer 422 with `medired.reason = "personal_data_detected"` listing them (remove them or send confirm_personal_data=true).';

/** Runs a write that may be refused for safety; the refusal's guidance goes in the `medired` field. */
async function withSafetyGuidance<T>(c: Context<HonoEnv>, fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ConsultaSafetyError) return c.json({ ...errorBody(err), medired: err.refusal }, 422);
    throw err;
  }
}

function pageResponse(c: Context<HonoEnv>, page: QuestionPage, body: unknown): Response {
  if (page.next) {
    const url = new URL(c.req.url);
    for (const p of ['max_id', 'cursor']) url.searchParams.delete(p);
    for (const [k, v] of Object.entries(page.next)) url.searchParams.set(k, v);
    c.header('Link', `<${url.toString()}>; rel="next"`);
  }
  return c.json(body as object);
}

async function questionWithThread(app: AppContext, viewer: Viewer | null, id: string) {
  const { question, answers } = await listAnswers(app, viewer, id);
  const comments = await listComments(app, viewer, question);
  const [entity] = await serializeQuestions(app, viewer, [question]);
  return {
    question: entity!,
    answers: await serializeAnswers(app, viewer, question, answers),
    comments: await serializeComments(app, viewer, question, comments),
  };
}

const list = defineRoute({
  method: 'get',
  path: base,
  summary: 'List questions: newest, unanswered or most helpful, optionally by specialty and tag (Link-header pagination)',
  tags,
  auth: 'optional',
  query: listQuery,
  handler: async ({ c, app, viewer, query }) => {
    const page = await listQuestions(app, viewer, query);
    return pageResponse(c, page, await serializeQuestions(app, viewer, page.questions));
  },
});

const forMe = defineRoute({
  method: 'get',
  path: `${base}/for_me`,
  summary: "Unanswered questions of the signed-in professional's specialty",
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: z.object({ max_id: zId.optional(), limit: z.coerce.number().int().min(1).default(20).transform((n) => Math.min(n, 40)) }),
  errors: ['forbidden'],
  handler: async ({ c, app, viewer, query }) => {
    const page = await listForProfessional(app, viewer!, query);
    return pageResponse(c, page, await serializeQuestions(app, viewer, page.questions));
  },
});

const ask = defineRoute({
  method: 'post',
  path: base,
  summary: 'Ask a question (optionally under a pseudonym)',
  description: SAFETY_NOTE,
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: questionInput,
  rateLimits: questionLimits,
  handler: async ({ c, app, viewer, body }) =>
    withSafetyGuidance(c, async () => {
      const q = await askQuestion(app, viewer!, body);
      return (await serializeQuestions(app, viewer, [q]))[0];
    }),
});

const answerStatic = `${base}/answers/:id`;

const editAnswerRoute = defineRoute({
  method: 'put',
  path: answerStatic,
  summary: 'Edit your answer',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: answerInput,
  errors: ['not_found', 'forbidden'],
  handler: async ({ c, app, viewer, params, body }) =>
    withSafetyGuidance(c, async () => {
      const answer = await editAnswer(app, viewer!, params.id, body);
      const q = await questionForViewer(app.db, viewer, answer.question_id);
      return (await serializeAnswers(app, viewer, q, [answer]))[0];
    }),
});

const acceptRoute = (accepted: boolean) =>
  defineRoute({
    method: 'post',
    path: `${answerStatic}/${accepted ? 'accept' : 'unaccept'}`,
    summary: accepted ? 'Mark the answer that helped you (asker only; replaces an earlier choice)' : 'Clear your choice of answer (asker only)',
    tags,
    auth: 'user',
    scope: 'write:statuses',
    params: idParams,
    errors: ['not_found', 'forbidden'],
    handler: async ({ app, viewer, params }) => {
      const answer = await setAcceptedAnswer(app, viewer!, params.id, accepted);
      return (await questionWithThread(app, viewer, answer.question_id)).question;
    },
  });

const helpfulRoute = (method: 'post' | 'delete') =>
  defineRoute({
    method,
    path: `${answerStatic}/helpful`,
    summary: method === 'post' ? 'Vote an answer helpful (once; not your own)' : 'Withdraw your helpful vote',
    tags,
    auth: 'user',
    scope: 'write:favourites',
    params: idParams,
    errors: ['not_found', 'forbidden'],
    handler: async ({ app, viewer, params }) => ({ id: params.id, ...(await setHelpfulVote(app, viewer!, params.id, method === 'post')) }),
  });

const deleteCommentRoute = defineRoute({
  method: 'delete',
  path: `${base}/comments/:id`,
  summary: 'Delete your comment (staff: any comment)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params }) => {
    await deleteComment(app, viewer!, params.id);
    return {};
  },
});

const show = defineRoute({
  method: 'get',
  path: `${base}/:id`,
  summary: 'A question with its answers (accepted first, then most helpful, then oldest) and comments',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => questionWithThread(app, viewer, params.id),
});

const update = defineRoute({
  method: 'put',
  path: `${base}/:id`,
  summary: 'Edit your question while it has no answers',
  description: SAFETY_NOTE,
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: questionInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ c, app, viewer, params, body }) =>
    withSafetyGuidance(c, async () => (await serializeQuestions(app, viewer, [await updateQuestion(app, viewer!, params.id, body)]))[0]),
});

const remove = defineRoute({
  method: 'delete',
  path: `${base}/:id`,
  summary: 'Delete your question while it has no answers (staff: any question)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params }) => {
    await deleteQuestion(app, viewer!, params.id);
    return {};
  },
});

const answer = defineRoute({
  method: 'post',
  path: `${base}/:id/answers`,
  summary: 'Answer a question (verified professionals only; one answer each)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: answerInput,
  rateLimits: answerLimits,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ c, app, viewer, params, body }) =>
    withSafetyGuidance(c, async () => {
      const row = await postAnswer(app, viewer!, params.id, body);
      const q = await questionForViewer(app.db, viewer, row.question_id);
      return (await serializeAnswers(app, viewer, q, [row]))[0];
    }),
});

const answers = defineRoute({
  method: 'get',
  path: `${base}/:id/answers`,
  summary: 'Answers of a question: accepted first, then most helpful, then oldest',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    const { question, answers: rows } = await listAnswers(app, viewer, params.id);
    return serializeAnswers(app, viewer, question, rows);
  },
});

const comment = defineRoute({
  method: 'post',
  path: `${base}/:id/comments`,
  summary: 'Comment on a question, or follow up on one of its answers (answer_id)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: commentInput.extend({ answer_id: zId.optional() }),
  rateLimits: commentLimits,
  errors: ['not_found', 'forbidden'],
  handler: async ({ c, app, viewer, params, body }) =>
    withSafetyGuidance(c, async () => {
      const row = await postComment(app, viewer!, params.id, body);
      const q = await questionForViewer(app.db, viewer, params.id);
      return (await serializeComments(app, viewer, q, [row]))[0];
    }),
});

const stats = defineRoute({
  method: 'get',
  path: '/api/v1/medired/accounts/:id/consulta_stats',
  summary: "A professional's consulta figures: answers, first answers, accepted, helpful votes, median and average response time (seconds)",
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, params }) => {
    if (!(await isActiveAccount(app.db, params.id))) throw notFound('Account');
    return consultaStatsFor(app.db, params.id);
  },
});

/** Consulta abierta's JSON API. Static paths come before `:id` ones so they match first. */
export const consultaRoutes: AnyRoute[] = [
  list,
  forMe,
  ask,
  editAnswerRoute,
  acceptRoute(true),
  acceptRoute(false),
  helpfulRoute('post'),
  helpfulRoute('delete'),
  deleteCommentRoute,
  show,
  update,
  remove,
  answer,
  answers,
  comment,
  stats,
];
