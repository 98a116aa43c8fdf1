import { AttachmentGrid } from '../media/attachment-grid.js';
import { VideoEmbeds } from '../components/video-embed.js';
import { raw } from 'hono/html';
import type { Viewer } from '../../auth/viewer.js';
import type { AnswerEntity, CommentEntity, QuestionEntity, ShownAuthor } from '../../consultas/consultas.serializer.js';
import type { FactCheckEntity } from '../../factchecks/factchecks.service.js';
import { AccountName } from '../components/account-name.js';
import { formatDateTime, formatNumber, t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';

/** "45 min", "3 h", "2 días". */
export function formatDuration(lang: Lang, seconds: number): string {
  if (seconds < 3600) return t(lang, 'duration.minutes', { n: Math.max(1, Math.round(seconds / 60)) });
  if (seconds < 86_400 * 2) return t(lang, 'duration.hours', { n: Math.round(seconds / 3600) });
  return t(lang, 'duration.days', { n: Math.round(seconds / 86_400) });
}

/** The author as the public sees it: the account (with badge) or the pseudonym. */
export function ShownAuthorName({ author, lang, byAsker = false }: { author: ShownAuthor; lang: Lang; byAsker?: boolean }) {
  if (author.account) {
    return (
      <span>
        <AccountName account={author.account} lang={lang} avatarSize={32} />
        {byAsker ? <> ({t(lang, 'consultas.byAsker')})</> : null}
        {author.pseudonym ? <> · <span class="consulta-pseudonym">{author.pseudonym}</span> ({t(lang, 'consultas.pseudonym')})</> : null}
      </span>
    );
  }
  return (
    <span>
      <span class="consulta-pseudonym">{author.pseudonym}</span> ({byAsker ? t(lang, 'consultas.byAsker') : t(lang, 'consultas.pseudonym')})
    </span>
  );
}

export function MedicalDisclaimer({ lang }: { lang: Lang }) {
  return (
    <aside class="consulta-disclaimer" role="note">
      <p>{t(lang, 'consultas.disclaimer')}</p>
    </aside>
  );
}

/** One question in a list. */
export function QuestionItem({ q, lang }: { q: QuestionEntity; lang: Lang }) {
  return (
    <li class="consulta-item">
      <h2>
        <a href={`/consultas/${q.id}`}>{q.title}</a>
      </h2>
      <p class="consulta-meta">
        <span>{q.specialty_label[lang]}</span>
        {q.answers_count > 0 ? (
          <span class="consulta-status-answered">{t(lang, 'consultas.answersCount', { count: formatNumber(lang, q.answers_count) })}</span>
        ) : (
          <span>{t(lang, 'consultas.unanswered')}</span>
        )}
        {q.helpful_total > 0 ? <span>{t(lang, 'consultas.helpfulTotal', { count: formatNumber(lang, q.helpful_total) })}</span> : null}
        <time datetime={q.created_at}>{formatDateTime(lang, q.created_at)}</time>
        {q.tags.map((tag) => (
          <a href={`/consultas?tag=${encodeURIComponent(tag)}`}>#{tag}</a>
        ))}
      </p>
    </li>
  );
}

/**
 * A link to the report form about one piece of Consulta content. It names the content, never
 * its author, so reporting a pseudonymous question or comment does not reveal who wrote it.
 */
export function ReportLink({ type, id, lang }: { type: 'consulta_question' | 'consulta_answer' | 'consulta_comment'; id: string; lang: Lang }) {
  return (
    <a class="action-report" href={`/report?target_type=${type}&target_id=${id}`}>
      {t(lang, 'consultas.report')}
    </a>
  );
}

function CommentList({ comments, lang, viewer = null }: { comments: CommentEntity[]; lang: Lang; viewer?: Viewer | null }) {
  if (comments.length === 0) return null;
  return (
    <ul class="consulta-comments">
      {comments.map((c) => (
        <li id={`c-${c.id}`}>
          <ShownAuthorName author={c.author} lang={lang} byAsker={c.by_asker} /> · <time datetime={c.created_at}>{formatDateTime(lang, c.created_at)}</time>
          {viewer && c.author.account?.id !== viewer.accountId ? (
            <>
              {' · '}
              <ReportLink type="consulta_comment" id={c.id} lang={lang} />
            </>
          ) : null}
          <div>{raw(c.content)}</div>
        </li>
      ))}
    </ul>
  );
}

/** The comment form; with `answerId` it follows up on that answer. */
export function CommentForm({ questionId, answerId, viewer, lang }: { questionId: string; answerId?: string; viewer: Viewer; lang: Lang }) {
  const id = `comment-${answerId ?? 'q'}`;
  return (
    <form method="post" action={`/consultas/${questionId}/comments`} class="consulta-comment-form">
      <CsrfField viewer={viewer} />
      {answerId ? <input type="hidden" name="answer_id" value={answerId} /> : null}
      <label for={id}>{t(lang, answerId ? 'consultas.followUpLabel' : 'consultas.commentLabel')}</label>
      <textarea id={id} name="body" rows={2} maxlength={2000} required></textarea>
      <button type="submit" class="button button-small button-secondary">{t(lang, 'consultas.commentSubmit')}</button>
    </form>
  );
}

/** Fact-check notes under an answer (or a status): public ones, and pending ones for reviewers. */
export function FactCheckNotes({ notes, lang, viewer, canRate, returnTo }: { notes: FactCheckEntity[]; lang: Lang; viewer: Viewer | null; canRate: boolean; returnTo: string }) {
  if (notes.length === 0) return null;
  return (
    <section class="fact-checks" aria-label={t(lang, 'factchecks.heading')}>
      <h4>{t(lang, 'factchecks.heading')}</h4>
      {notes.map((n) => (
        <div class={`fact-check${n.visible ? '' : ' fact-check-pending'}`} id={`fc-${n.id}`}>
          {n.visible ? null : <p><em>{t(lang, 'factchecks.pending')}</em></p>}
          <p>{n.note}</p>
          <p>{t(lang, 'factchecks.sources')}:</p>
          <ul>
            {n.sources.map((s) => (
              <li>
                <a href={s} rel="nofollow noopener noreferrer" target="_blank">{s}</a>
              </li>
            ))}
          </ul>
          <p class="consulta-meta">
            <span>{t(lang, 'factchecks.by')}</span> <AccountName account={n.account} lang={lang} avatar={false} />
            <span>{t(lang, 'factchecks.ratings', { helpful: n.helpful_count, unhelpful: n.unhelpful_count })}</span>
            {n.my_rating ? <span>{t(lang, 'factchecks.yourRating', { rating: t(lang, n.my_rating === 'helpful' ? 'factchecks.rateHelpful' : 'factchecks.rateUnhelpful') })}</span> : null}
          </p>
          {canRate && viewer && n.account.id !== viewer.accountId ? (
            <div class="consulta-answer-actions">
              {([true, false] as const).map((helpful) => (
                <form method="post" action={`/consultas/fact_checks/${n.id}/rate`} class="inline-form">
                  <CsrfField viewer={viewer} />
                  <input type="hidden" name="helpful" value={String(helpful)} />
                  <input type="hidden" name="return_to" value={returnTo} />
                  <button type="submit" class="button button-small button-secondary" aria-pressed={n.my_rating === (helpful ? 'helpful' : 'unhelpful') ? 'true' : 'false'}>
                    {t(lang, helpful ? 'factchecks.rateHelpful' : 'factchecks.rateUnhelpful')}
                  </button>
                </form>
              ))}
            </div>
          ) : null}
        </div>
      ))}
    </section>
  );
}

/** The form a verified professional uses to attach a note to a target. */
export function FactCheckForm({ targetType, targetId, viewer, lang, returnTo }: { targetType: 'status' | 'consulta_answer'; targetId: string; viewer: Viewer; lang: Lang; returnTo: string }) {
  const id = `fc-${targetType}-${targetId}`;
  return (
    <details class="fact-check-form">
      <summary>{t(lang, 'factchecks.add')}</summary>
      <form method="post" action="/consultas/fact_checks">
        <CsrfField viewer={viewer} />
        <input type="hidden" name="target_type" value={targetType} />
        <input type="hidden" name="target_id" value={targetId} />
        <input type="hidden" name="return_to" value={returnTo} />
        <div class="field">
          <label for={`${id}-note`}>{t(lang, 'factchecks.note')}</label>
          <p class="field-hint" id={`${id}-note-hint`}>{t(lang, 'factchecks.noteHint')}</p>
          <textarea id={`${id}-note`} name="note" rows={3} minlength={10} maxlength={1000} required aria-describedby={`${id}-note-hint`}></textarea>
        </div>
        <div class="field">
          <label for={`${id}-sources`}>{t(lang, 'factchecks.sourcesField')}</label>
          <textarea id={`${id}-sources`} name="sources" rows={2} required></textarea>
        </div>
        <button type="submit" class="button button-small">{t(lang, 'factchecks.submit')}</button>
      </form>
    </details>
  );
}

export interface AnswerViewOptions {
  lang: Lang;
  viewer: Viewer | null;
  question: QuestionEntity;
  comments: CommentEntity[];
  notes: FactCheckEntity[];
  viewerIsVerifiedPro: boolean;
  /** What the viewer may do to this answer, as `consultas.policy.ts` decides. */
  may: { voteHelpful: boolean; accept: boolean };
}

/** One answer: author with badge, body, helpful and accept buttons, fact-checks and follow-ups. */
export function AnswerCard({ answer, opts }: { answer: AnswerEntity; opts: AnswerViewOptions }) {
  const { lang, viewer, question } = opts;
  const returnTo = `/consultas/${question.id}#a-${answer.id}`;
  const own = viewer?.accountId === answer.account.id;
  return (
    <article class={`consulta-answer${answer.accepted ? ' consulta-answer-accepted' : ''}`} id={`a-${answer.id}`} aria-label={answer.account.display_name || answer.account.username}>
      {answer.accepted ? <p class="consulta-accepted-label">✓ {t(lang, 'consultas.accepted')}</p> : null}
      <header class="consulta-meta">
        <AccountName account={answer.account} lang={lang} avatarSize={40} />
        <time datetime={answer.created_at}>{formatDateTime(lang, answer.created_at)}</time>
        <span>{t(lang, 'consultas.responseTime', { time: formatDuration(lang, answer.response_seconds) })}</span>
      </header>
      <div class="status-content">{raw(answer.content)}</div>
      <AttachmentGrid media={answer.media_attachments} lang={lang} />
      <VideoEmbeds html={answer.content} lang={lang} />
      <div class="consulta-answer-actions">
        <span class="helpful-count">{t(lang, 'consultas.helpfulCount', { count: formatNumber(lang, answer.helpful_count) })}</span>
        {viewer && opts.may.voteHelpful ? (
          <form method="post" action={`/consultas/answers/${answer.id}/helpful`} class="inline-form">
            <CsrfField viewer={viewer} />
            <input type="hidden" name="helpful" value={answer.helpful ? 'false' : 'true'} />
            <button type="submit" class="button button-small button-secondary" aria-pressed={answer.helpful ? 'true' : 'false'}>
              {t(lang, answer.helpful ? 'consultas.unhelpfulButton' : 'consultas.helpfulButton')}
            </button>
          </form>
        ) : null}
        {viewer && opts.may.accept ? (
          <form method="post" action={`/consultas/answers/${answer.id}/accept`} class="inline-form">
            <CsrfField viewer={viewer} />
            <input type="hidden" name="accepted" value={answer.accepted ? 'false' : 'true'} />
            <button type="submit" class="button button-small">{t(lang, answer.accepted ? 'consultas.unacceptButton' : 'consultas.acceptButton')}</button>
          </form>
        ) : null}
        {viewer && !own ? <ReportLink type="consulta_answer" id={answer.id} lang={lang} /> : null}
      </div>
      <FactCheckNotes notes={opts.notes} lang={lang} viewer={viewer} canRate={opts.viewerIsVerifiedPro} returnTo={returnTo} />
      {opts.viewerIsVerifiedPro && viewer && !own ? <FactCheckForm targetType="consulta_answer" targetId={answer.id} viewer={viewer} lang={lang} returnTo={returnTo} /> : null}
      <CommentList comments={opts.comments} lang={lang} viewer={viewer} />
      {viewer ? <CommentForm questionId={question.id} answerId={answer.id} viewer={viewer} lang={lang} /> : null}
    </article>
  );
}

export { CommentList };
