import { AppError } from '../../errors.js';
import type { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppContext } from '../../app-context.js';
import { SPECIALTIES, specialtyCodes } from '../../accounts/specialties.js';
import type { Viewer } from '../../auth/viewer.js';
import { findAnswer, listAnswers, postAnswer, setAcceptedAnswer } from '../../consultas/answers.service.js';
import { listComments, postComment } from '../../consultas/comments.service.js';
import { loadActor } from '../../consultas/consulta-access.js';
import { acceptAnswerRefusal, answerRefusal, editQuestionRefusal, helpfulVoteRefusal, isVerifiedProfessional } from '../../consultas/consultas.policy.js';
import { listQuestions } from '../../consultas/consulta-lists.js';
import { answerInput, commentInput, listQuery, questionInput, type ListQuery } from '../../consultas/consultas.js';
import { serializeAnswers, serializeComments, serializeQuestions, type QuestionEntity, type AnswerEntity } from '../../consultas/consultas.serializer.js';
import { setHelpfulVote } from '../../consultas/helpful-votes.service.js';
import { askQuestion, deleteQuestion, questionToEdit, updateQuestion } from '../../consultas/questions.service.js';
import { ConsultaSafetyError } from '../../consultas/safety-gate.js';
import { answerLimits, commentLimits, questionLimits } from '../../consultas/consulta-rate-limits.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { factChecksForMany } from '../../factchecks/factchecks.service.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { zBool, zId } from '../../http/schemas.js';
import { htmlToText } from '../../text/markdown.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { field, formFields, idParam, safeReturnPath, signInRedirect } from '../forms.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';
import { AskForm, type AskValues } from './ask-form.js';
import { composerMedia, CONFIRM_MISSING_ALT, imagesMissingAlt, type ComposerUpload } from '../media/composer-media.js';
import { MediaFields, MissingAltWarning } from '../media/media-fields.js';
import { AnswerCard, CommentForm, CommentList, MedicalDisclaimer, QuestionItem, ReportLink, ShownAuthorName } from './consulta-parts.js';
import { factCheckFormRoutes } from './fact-check-forms.js';
import { fieldErrorsOfAppError, parseForm } from './form-errors.js';
import { questionJsonLd } from './question-json-ld.js';
import { errorText } from '../errors/error-text.js';

const styles = <link rel="stylesheet" href={staticUrl('consultas.css')} />;
const QID = ':id{[0-9]{1,19}}';

function Tabs({ lang, query }: { lang: Lang; query: ListQuery }) {
  const href = (sort: ListQuery['sort']) => {
    const p = new URLSearchParams({ sort });
    if (query.specialty) p.set('specialty', query.specialty);
    if (query.tag) p.set('tag', query.tag);
    return `/consultas?${p.toString()}`;
  };
  return (
    <nav class="tabs" aria-label={t(lang, 'consultas.tabs')}>
      <ul>
        {(['newest', 'unanswered', 'helpful'] as const).map((sort) => (
          <li>
            <a href={href(sort)} aria-current={query.sort === sort ? 'page' : undefined}>
              {t(lang, `consultas.tab.${sort}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FilterForm({ lang, query }: { lang: Lang; query: ListQuery }) {
  return (
    <form method="get" action="/consultas" class="consulta-filter" role="search">
      <input type="hidden" name="sort" value={query.sort} />
      <div class="field">
        <label for="f-specialty">{t(lang, 'consultas.filter.specialty')}</label>
        <select id="f-specialty" name="specialty">
          <option value="">{t(lang, 'consultas.filter.anySpecialty')}</option>
          {specialtyCodes.map((code) => (
            <option value={code} selected={query.specialty === code}>
              {SPECIALTIES[code][lang]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-tag">{t(lang, 'consultas.filter.tag')}</label>
        <input id="f-tag" name="tag" type="text" value={query.tag ?? ''} maxlength={40} />
      </div>
      <button type="submit" class="button button-secondary">{t(lang, 'consultas.filter')}</button>
    </form>
  );
}

function renderAsk(c: WebContext, viewer: Viewer, values: AskValues, extra: { errors?: Record<string, string>; refusal?: ConsultaSafetyError['refusal']; editId?: string } = {}) {
  const lang = c.get('lang');
  const status = extra.errors || extra.refusal ? 422 : 200;
  const title = t(lang, extra.editId ? 'consultas.edit.title' : 'consultas.new.title');
  return renderPage(
    c,
    { title, noindex: true, head: styles },
    <section class="narrow">
      <h1>{title}</h1>
      <AskForm
        lang={lang}
        viewer={viewer}
        values={values}
        errors={extra.errors}
        refusal={extra.refusal}
        {...(extra.editId ? { action: `/consultas/${extra.editId}/edit`, submitLabel: t(lang, 'consultas.edit.submit') } : {})}
      />
    </section>,
    status,
  );
}

function askValues(form: Record<string, unknown>): AskValues {
  const out: AskValues = {};
  for (const k of ['title', 'body', 'specialty', 'tags', 'pseudonym', 'confirm_emergency', 'confirm_personal_data'] as const) {
    const v = form[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

interface PageProblem {
  message: string;
  answerBody?: string;
  /** Images of the answer form uploaded by this or an earlier submission. */
  uploads?: ComposerUpload[];
  /** Images without a description: the answer form warns first. */
  missingAlt?: ComposerUpload[];
  altConfirmed?: boolean;
  mediaError?: string;
}

async function renderQuestion(c: WebContext, app: AppContext, id: string, problem?: PageProblem) {
  const lang = c.get('lang');
  const viewer = c.get('viewer');
  const { question: row, answers: answerRows } = await listAnswers(app, viewer, id);
  const [question] = (await serializeQuestions(app, viewer, [row])) as [QuestionEntity];
  const answers: AnswerEntity[] = await serializeAnswers(app, viewer, row, answerRows);
  const comments = await serializeComments(app, viewer, row, await listComments(app, viewer, row));
  const notes = await factChecksForMany(app, viewer, 'consulta_answer', answers.map((a) => a.id));
  const actor = viewer ? await loadActor(app.db, viewer.accountId) : null;
  const verifiedPro = actor ? isVerifiedProfessional(actor) : false;
  const answeredByViewer = viewer ? answers.some((a) => a.account.id === viewer.accountId) : false;
  // The page shows the answer form exactly when the service would take the answer.
  const mayAnswer = viewer !== null && actor !== null && answerRefusal(viewer, actor, row, answeredByViewer) === null;
  const notice = noticeFrom(c.req.url);
  const noticeText: Record<string, string> = {
    asked: t(lang, 'consultas.notice.asked'),
    answered: t(lang, 'consultas.notice.answered'),
    commented: t(lang, 'consultas.notice.commented'),
    edited: t(lang, 'consultas.notice.edited'),
    fact_check_created: t(lang, 'factchecks.notice.created'),
    fact_check_rated: t(lang, 'factchecks.notice.rated'),
  };
  const description = htmlToText(question.content).replace(/\s+/g, ' ').slice(0, 200);
  const jsonLd = questionJsonLd(question, answers, app.config.publicUrl);
  return renderPage(
    c,
    {
      title: question.title,
      description,
      type: 'article',
      canonical: `/consultas/${question.id}`,
      head: (
        <>
          {styles}
          <meta property="article:published_time" content={question.created_at} />
          <meta property="article:section" content={question.specialty_label[lang] ?? question.specialty} />
          <script type="application/ld+json">{raw(jsonLd)}</script>
        </>
      ),
    },
    <>
      {notice && noticeText[notice] ? <Flash kind="success">{noticeText[notice]}</Flash> : null}
      {problem?.message ? <Flash kind="error">{problem.message}</Flash> : null}
      <MedicalDisclaimer lang={lang} />
      <article class="consulta-question" aria-labelledby="question-title">
        <p class="consulta-meta">
          <a href={`/consultas?specialty=${question.specialty}`}>{question.specialty_label[lang]}</a>
          {question.tags.map((tag) => (
            <a href={`/consultas?tag=${encodeURIComponent(tag)}`}>#{tag}</a>
          ))}
        </p>
        <h1 id="question-title">{question.title}</h1>
        <p class="consulta-meta">
          <span>{t(lang, 'consultas.askedBy')}</span> <ShownAuthorName author={question.asker} lang={lang} />
          <time datetime={question.created_at}>{new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(question.created_at))}</time>
        </p>
        <div class="status-content">{raw(question.content)}</div>
        {viewer && editQuestionRefusal(viewer, row) === null ? (
          <div class="consulta-answer-actions">
            <a class="button button-small button-secondary" href={`/consultas/${question.id}/edit`}>{t(lang, 'consultas.edit.link')}</a>
            <form method="post" action={`/consultas/${question.id}/delete`} class="inline-form">
              <CsrfField viewer={viewer} />
              <button type="submit" class="button button-small button-danger">{t(lang, 'consultas.deleteQuestion')}</button>
            </form>
          </div>
        ) : null}
        {viewer && !question.own ? (
          <p class="consulta-answer-actions">
            <ReportLink type="consulta_question" id={question.id} lang={lang} />
          </p>
        ) : null}
        <CommentList comments={comments.filter((x) => x.answer_id === null)} lang={lang} viewer={viewer} />
        {viewer ? <CommentForm questionId={question.id} viewer={viewer} lang={lang} /> : null}
      </article>
      <section aria-labelledby="answers-title">
        <h2 id="answers-title" class="section-title">
          {t(lang, 'consultas.answersHeading')} ({answers.length})
        </h2>
        {answers.length === 0 ? <p class="empty-state">{t(lang, 'consultas.noAnswers')}</p> : null}
        {answers.map((a) => {
          const answerRow = answerRows.find((r) => r.id === a.id)!;
          const may = {
            // A vote is withdrawn with the same button, so a voted answer offers the withdrawal.
            voteHelpful: viewer !== null && helpfulVoteRefusal(viewer, answerRow, !a.helpful) === null,
            accept: viewer !== null && acceptAnswerRefusal(viewer, row, answerRow) === null,
          };
          return (
            <AnswerCard
              answer={a}
              opts={{ lang, viewer, question, comments: comments.filter((x) => x.answer_id === a.id), notes: notes.filter((n) => n.target.id === a.id), viewerIsVerifiedPro: verifiedPro, may }}
            />
          );
        })}
      </section>
      {mayAnswer && viewer ? (
        <section class="card" aria-labelledby="answer-form-title">
          <h2 id="answer-form-title">{t(lang, 'consultas.answerForm')}</h2>
          <form method="post" action={`/consultas/${question.id}/answers`} enctype="multipart/form-data">
            <CsrfField viewer={viewer} />
            {problem?.missingAlt?.length ? <MissingAltWarning lang={lang} missing={problem.missingAlt} /> : null}
            <div class="field">
              <label for="f-answer">{t(lang, 'consultas.answerField')}</label>
              <p class="field-hint" id="f-answer-hint">{t(lang, 'consultas.answerHint')}</p>
              <textarea id="f-answer" name="body" rows={8} minlength={20} maxlength={10000} required aria-describedby="f-answer-hint">{problem?.answerBody ?? ''}</textarea>
            </div>
            <MediaFields lang={lang} prefix="answer" uploads={problem?.uploads ?? []} missingAlt={problem?.missingAlt ?? []} error={problem?.mediaError} altConfirmed={problem?.altConfirmed ?? false} />
            {problem?.answerBody !== undefined && !problem.missingAlt?.length ? (
              <label class="confirm-check">
                <input type="checkbox" name="confirm_personal_data" value="true" />
                <span>{t(lang, 'consultas.personal.confirm')}</span>
              </label>
            ) : null}
            <button type="submit" class="button">{t(lang, 'consultas.answerSubmit')}</button>
          </form>
        </section>
      ) : null}
      {answeredByViewer ? <p>{t(lang, 'consultas.alreadyAnswered')}</p> : null}
      {!verifiedPro && !question.own ? <p>{t(lang, 'consultas.onlyVerified')}</p> : null}
      {!viewer ? (
        <p>
          <a href={`/auth/sign_in?return_to=${encodeURIComponent(`/consultas/${question.id}`)}`}>{t(lang, 'consultas.signInToTakePart')}</a>
        </p>
      ) : null}
      <MedicalDisclaimer lang={lang} />
    </>,
    problem ? 422 : 200,
  );
}

/** Consulta abierta's pages: lists, the ask form, question pages and their form posts. */
export function mountConsultaPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/consultas', async (c) => {
    const lang = c.get('lang');
    const viewer = c.get('viewer');
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const parsed = listQuery.safeParse(raw);
    const query = parsed.success ? parsed.data : listQuery.parse({});
    const page = await listQuestions(app, viewer, query);
    const questions = await serializeQuestions(app, viewer, page.questions);
    const actor = viewer ? await loadActor(app.db, viewer.accountId) : null;
    let next: string | null = null;
    if (page.next) {
      const url = new URL(c.req.url);
      for (const p of ['max_id', 'cursor']) url.searchParams.delete(p);
      for (const [k, v] of Object.entries(page.next)) url.searchParams.set(k, v);
      next = `${url.pathname}${url.search}`;
    }
    return renderPage(
      c,
      { title: t(lang, 'consultas.title'), description: t(lang, 'consultas.lead'), head: styles },
      <>
        <header class="page-header">
          <h1>{t(lang, 'consultas.title')}</h1>
          <p>{t(lang, 'consultas.lead')}</p>
          <p>
            <a class="button" href="/consultas/new">{t(lang, 'consultas.ask')}</a>
            {actor?.kind === 'professional' && actor.specialty ? (
              <>
                {' '}
                <a class="button button-secondary" href={`/consultas?sort=unanswered&specialty=${actor.specialty}`}>{t(lang, 'consultas.forMe')}</a>
              </>
            ) : null}
          </p>
        </header>
        {noticeFrom(c.req.url) === 'deleted' ? <Flash kind="success">{t(lang, 'consultas.notice.deleted')}</Flash> : null}
        <Tabs lang={lang} query={query} />
        <FilterForm lang={lang} query={query} />
        {questions.length ? (
          <ul class="consulta-list">
            {questions.map((q) => (
              <QuestionItem q={q} lang={lang} />
            ))}
          </ul>
        ) : (
          <p class="empty-state">{t(lang, 'consultas.empty')}</p>
        )}
        {next ? (
          <nav class="pagination" aria-label={t(lang, 'pagination.label')}>
            <a href={next} rel="next">{t(lang, 'consultas.more')} →</a>
          </nav>
        ) : null}
      </>,
    );
  });

  hono.get('/consultas/new', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    return renderAsk(c, viewer, {});
  });

  hono.get(`/consultas/${QID}`, (c) => renderQuestion(c, app, c.req.param('id')));

  hono.get(`/consultas/${QID}/edit`, async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const q = await questionToEdit(app, viewer, c.req.param('id'));
    return renderAsk(c, viewer, { title: q.title, body: q.body_source, specialty: q.specialty, tags: q.tags.join(', '), pseudonym: q.pseudonym ?? '' }, { editId: q.id });
  });
}

/** Accept an answer to your question */
const acceptForm = defineFormRoute({
  path: '/consultas/answers/:id{[0-9]{1,19}}/accept',
  summary: 'Accept an answer to your question',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const accepted = zBool.safeParse(form.accepted);
    const answer = await setAcceptedAnswer(app, viewer, params.id, accepted.success ? accepted.data : true);
    return c.redirect(`/consultas/${answer.question_id}#a-${answer.id}`, 303);
  },
});

/** Mark an answer as helpful (or not) */
const helpfulForm = defineFormRoute({
  path: '/consultas/answers/:id{[0-9]{1,19}}/helpful',
  summary: 'Mark an answer as helpful (or not)',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const helpful = zBool.safeParse(form.helpful);
    const answerId = params.id;
    await setHelpfulVote(app, viewer, answerId, helpful.success ? helpful.data : true);
    const row = await findAnswer(app, answerId);
    return c.redirect(safeReturnPath(form.return_to, `/consultas/${row?.question_id ?? ''}#a-${answerId}`), 303);
  },
});

/** Delete your question */
const deleteQuestionForm = defineFormRoute({
  path: `/consultas/${QID}/delete`,
  summary: 'Delete your question',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    await deleteQuestion(app, viewer, params.id);
    return c.redirect('/consultas?notice=deleted', 303);
  },
});

/** Edit your question while it has no answers */
const editQuestionForm = defineFormRoute({
  path: `/consultas/${QID}/edit`,
  summary: 'Edit your question while it has no answers',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  onError: ({ c, viewer, raw, params }, err) =>
    err.code === 'validation_failed' && viewer && params ? renderAsk(c, viewer, askValues(raw), { errors: fieldErrorsOfAppError(c.get('lang'), err) ?? {}, editId: params.id }) : undefined,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const id = params.id;
    const values = askValues(form);
    const parsed = parseForm(c.get('lang'), questionInput, form);
    if (parsed.errors) return renderAsk(c, viewer, values, { errors: parsed.errors, editId: id });
    try {
      await updateQuestion(app, viewer, id, parsed.data);
      return c.redirect(`/consultas/${id}?notice=edited`, 303);
    } catch (err) {
      if (err instanceof ConsultaSafetyError) return renderAsk(c, viewer, values, { refusal: err.refusal, editId: id });
      const errors = fieldErrorsOfAppError(c.get('lang'), err);
      if (errors) return renderAsk(c, viewer, values, { errors, editId: id });
      throw err;
    }
  },
});

/** Comment on a question or an answer */
const commentForm = defineFormRoute({
  path: `/consultas/${QID}/comments`,
  summary: 'Comment on a question or an answer',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  rateLimits: commentLimits,
  onError: ({ c, app, params }, err) =>
    err.code === 'validation_failed' && params ? renderQuestion(c, app, params.id, { message: errorText(c.get('lang'), err) }) : undefined,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const id = params.id;
    const parsed = parseForm(c.get('lang'), commentInput.extend({ answer_id: zId.optional() }), form);
    if (parsed.errors) return renderQuestion(c, app, id, { message: Object.values(parsed.errors).join(' ') });
    try {
      const comment = await postComment(app, viewer, id, parsed.data);
      return c.redirect(`/consultas/${id}?notice=commented#c-${comment.id}`, 303);
    } catch (err) {
      if (err instanceof ConsultaSafetyError) return renderQuestion(c, app, id, { message: errorText(c.get('lang'), err) });
      throw err;
    }
  },
});

/** Answer a question (verified professionals) */
const answerForm = defineFormRoute({
  path: `/consultas/${QID}/answers`,
  summary: 'Answer a question (verified professionals)',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  rateLimits: answerLimits,
  onError: ({ c, app, raw, params }, err) =>
    err.code === 'validation_failed' && params ? renderQuestion(c, app, params.id, { message: errorText(c.get('lang'), err), answerBody: field(raw, 'body') }) : undefined,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const id = params.id;
    const lang = c.get('lang');
    // Images are uploaded first, so the form shown again (an error, a warning) keeps them.
    const media = await composerMedia(app, viewer, lang, form);
    const kept = { answerBody: field(form, 'body'), uploads: media.uploads, altConfirmed: field(form, CONFIRM_MISSING_ALT) === 'true', ...(media.errors.media ? { mediaError: media.errors.media } : {}) };
    const parsed = parseForm(lang, answerInput, form);
    if (parsed.errors) return renderQuestion(c, app, id, { message: Object.values(parsed.errors).join(' '), ...kept });
    if (media.errors.media) return renderQuestion(c, app, id, { message: media.errors.media, ...kept });
    const missingAlt = imagesMissingAlt(media.uploads, form);
    if (missingAlt.length) return renderQuestion(c, app, id, { message: '', ...kept, missingAlt });
    try {
      const answer = await postAnswer(app, viewer, id, { ...parsed.data, media_ids: media.uploads.map((u) => u.id) });
      return c.redirect(`/consultas/${id}?notice=answered#a-${answer.id}`, 303);
    } catch (err) {
      if (err instanceof ConsultaSafetyError) return renderQuestion(c, app, id, { message: errorText(lang, err), ...kept });
      if (err instanceof AppError && err.code === 'validation_failed') return renderQuestion(c, app, id, { message: errorText(lang, err), ...kept });
      throw err;
    }
  },
});

/** Ask a question in Consulta abierta from the web form */
const askForm = defineFormRoute({
  path: '/consultas',
  summary: 'Ask a question in Consulta abierta from the web form',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  rateLimits: questionLimits,
  onError: ({ c, viewer, raw }, err) =>
    err.code === 'validation_failed' && viewer ? renderAsk(c, viewer, askValues(raw), { errors: fieldErrorsOfAppError(c.get('lang'), err) ?? {} }) : undefined,
  handler: async ({ c, app, viewer, body: form }) => {
    const values = askValues(form);
    const parsed = parseForm(c.get('lang'), questionInput, form);
    if (parsed.errors) return renderAsk(c, viewer, values, { errors: parsed.errors });
    try {
      const q = await askQuestion(app, viewer, parsed.data);
      return c.redirect(`/consultas/${q.id}?notice=asked`, 303);
    } catch (err) {
      if (err instanceof ConsultaSafetyError) return renderAsk(c, viewer, values, { refusal: err.refusal });
      const errors = fieldErrorsOfAppError(c.get('lang'), err);
      if (errors) return renderAsk(c, viewer, values, { errors });
      throw err;
    }
  },
});

/** Consulta abierta's form posts (and the fact-check forms shown on its pages). */
export const consultaFormRoutes: AnyRoute[] = [askForm, answerForm, commentForm, editQuestionForm, deleteQuestionForm, helpfulForm, acceptForm, ...factCheckFormRoutes];
