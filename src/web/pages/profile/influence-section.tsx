import type { AppContext } from '../../../app-context.js';
import type { InfluenceBreakdown } from '../../../influence/influence-formula.js';
import { influenceOf } from '../../../influence/influence.service.js';
import { formatDate, formatNumber, t, type Lang } from '../../i18n/i18n.js';
import { durationText } from '../../practice/practice-format.js';
import { staticUrl } from '../../static.js';
import type { ProfileData } from './profile-data.js';

function Points({ lang, points }: { lang: Lang; points: number }) {
  return <span class="influence-points"> — {t(lang, 'influence.points', { points: formatNumber(lang, points) })}</span>;
}

function Parts({ b, lang }: { b: InfluenceBreakdown; lang: Lang }) {
  const n = (x: number) => formatNumber(lang, x);
  const r = b.responsiveness;
  const times = [
    r.consultaMedianSeconds !== null ? t(lang, 'influence.responseConsultas', { time: durationText(lang, r.consultaMedianSeconds) }) : null,
    r.careRequestMedianSeconds !== null ? t(lang, 'influence.responseCare', { time: durationText(lang, r.careRequestMedianSeconds) }) : null,
    r.complaintMedianSeconds !== null ? t(lang, 'influence.responseComplaints', { time: durationText(lang, r.complaintMedianSeconds), share: n(Math.round((r.complaintShareAnswered ?? 0) * 100)) }) : null,
  ].filter(Boolean);
  const discounted = Math.max(b.engagement.reciprocal, b.engagement.clustered);
  return (
    <ul class="influence-parts">
      <li>
        {t(lang, 'influence.engagement', { count: n(b.engagement.engagers), likes: n(b.engagement.likes), replies: n(b.engagement.replies), reposts: n(b.engagement.reposts) })}
        <Points lang={lang} points={b.engagement.points} />
        {discounted > 0 ? <div class="field-hint">{t(lang, 'influence.engagementDiscount', { count: n(discounted) })}</div> : null}
      </li>
      <li>
        {t(lang, 'influence.reach', { count: n(b.reach.nonFollowers) })}
        <Points lang={lang} points={b.reach.points} />
      </li>
      <li>
        {t(lang, 'influence.answers', { accepted: n(b.answers.accepted), votes: n(b.answers.helpfulVotes) })}
        <Points lang={lang} points={b.answers.points} />
      </li>
      <li>
        {t(lang, 'influence.endorsements', { count: n(b.endorsements.verifiedEndorsers) })}
        <Points lang={lang} points={b.endorsements.points} />
      </li>
      <li>
        {t(lang, 'influence.responsiveness')}: {times.length ? times.join(', ') : t(lang, 'influence.noResponse')}
        <Points lang={lang} points={r.points} />
      </li>
      <li>{b.penalty.upheldActions > 0 ? t(lang, 'influence.penalty', { count: n(b.penalty.upheldActions), divisor: n(1 / b.penalty.factor) }) : t(lang, 'influence.noPenalty')}</li>
    </ul>
  );
}

/**
 * The "Influencia" section of a professional's or organisation's profile: the stored score out
 * of 100, what it is made of, and how it is computed (`src/influence/influence-formula.ts`).
 */
export async function InfluenceSection({ app, profile, lang }: { app: AppContext; profile: ProfileData; lang: Lang }) {
  if (profile.row.kind === 'patient') return null;
  const influence = await influenceOf(app, profile.row.id);
  return (
    <section class="card influence-section" id="influence" aria-labelledby="influence-title">
      <link rel="stylesheet" href={staticUrl('directory.css')} />
      <div class="influence-heading">
        <h2 id="influence-title">{t(lang, 'influence.title')}</h2>
        {influence.score !== null ? (
          <p class="influence-value">
            <span class="influence-score">{formatNumber(lang, influence.score)}</span> <span class="influence-out-of">{t(lang, 'influence.outOf')}</span>
          </p>
        ) : null}
      </div>
      {influence.score !== null && influence.breakdown ? (
        <>
          <meter class="influence-meter" min={0} max={100} value={influence.score} aria-labelledby="influence-title" />
          <p class="field-hint">{t(lang, 'influence.lead')}</p>
          <Parts b={influence.breakdown} lang={lang} />
          <p class="field-hint">{t(lang, 'influence.computedAt', { date: formatDate(lang, influence.computed_at!) })}</p>
        </>
      ) : (
        <p class="field-hint">{t(lang, 'influence.pending')}</p>
      )}
      <details>
        <summary>{t(lang, 'influence.howTitle')}</summary>
        <p>{t(lang, 'influence.how1')}</p>
        <p>{t(lang, 'influence.how2')}</p>
        <p>{t(lang, 'influence.how3')}</p>
        <p>{t(lang, 'influence.how4')}</p>
        <p>{t(lang, 'influence.how5')}</p>
      </details>
    </section>
  );
}
