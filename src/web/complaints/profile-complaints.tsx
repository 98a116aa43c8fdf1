import type { AppContext } from '../../app-context.js';
import type { Viewer } from '../../auth/viewer.js';
import { complaintStatsFor } from '../../complaints/complaint-stats.js';
import { mayOfferComplaint } from '../../complaints/complaints.policy.js';
import { listComplaints, serializeComplaints } from '../../complaints/complaints.service.js';
import type { ProfileData } from '../pages/profile/profile-data.js';
import { t, type Lang } from '../i18n/i18n.js';
import { ComplaintList, complaintStyles, statsText } from './complaint-parts.js';

const SHOWN = 10;

/**
 * The "Reclamaciones" section of a professional's or organisation's profile: how it answers
 * complaints (share answered and median first-response time, from 3 complaints), the latest
 * public ones (and the viewer's own, private ones included), and "Presentar una reclamación".
 */
export async function ProfileComplaints({ app, profile, viewer, lang }: { app: AppContext; profile: ProfileData; viewer: Viewer | null; lang: Lang }) {
  const target = { id: profile.row.id, kind: profile.row.kind, suspended_at: profile.row.suspended_at };
  if (target.kind === 'patient') return null;
  const [stats, page] = await Promise.all([complaintStatsFor(app.db, [target.id]), listComplaints(app, viewer, { about: target.id }, { limit: SHOWN })]);
  const complaints = await serializeComplaints(app, viewer, page.items);
  const newHref = `/complaints/new?about=${encodeURIComponent(profile.row.username)}`;
  return (
    <section class="profile-complaints card" aria-labelledby="profile-complaints-title">
      {complaintStyles}
      <div class="profile-complaints-head">
        <h2 id="profile-complaints-title" class="section-title">{t(lang, 'complaints.section')}</h2>
        {mayOfferComplaint(viewer, target) ? (
          <a class="button button-secondary button-small" href={viewer ? newHref : `/auth/sign_in?return_to=${encodeURIComponent(newHref)}`}>
            {t(lang, 'complaints.new')}
          </a>
        ) : null}
      </div>
      <p class="complaint-stats">{statsText(lang, stats.get(target.id)!)}</p>
      <ComplaintList complaints={complaints} lang={lang} show="complainant" empty={t(lang, 'complaints.sectionNone')} />
      {page.hasMore ? (
        <p>
          <a href={`/complaints?about=${encodeURIComponent(profile.row.username)}`}>{t(lang, 'complaints.seeAll')} →</a>
        </p>
      ) : null}
    </section>
  );
}
