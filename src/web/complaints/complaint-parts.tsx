import type { ComplaintEntity } from '../../complaints/complaints.service.js';
import type { ComplaintStats } from '../../complaints/complaint-stats.js';
import { profilePath } from '../components/account-name.js';
import { formatDate, t, type Lang } from '../i18n/i18n.js';
import { staticUrl } from '../static.js';

export const complaintStyles = <link rel="stylesheet" href={staticUrl('complaints.css')} />;

/** A duration in words a person reads at a glance: minutes under two hours, hours under two days, then days. */
export function formatDuration(lang: Lang, seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 120) return t(lang, 'complaints.duration.minutes', { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t(lang, 'complaints.duration.hours', { n: hours });
  return t(lang, 'complaints.duration.days', { n: Math.round(hours / 24) });
}

/** The statistics line of a profile, or why there is none. */
export function statsText(lang: Lang, s: ComplaintStats): string {
  if (!s.shown) return t(lang, 'complaints.statsTooFew');
  if (s.medianFirstResponseSeconds === null) return t(lang, 'complaints.statsNoAnswer', { total: s.total });
  const share = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(s.shareAnswered);
  return t(lang, 'complaints.statsLine', { share, time: formatDuration(lang, s.medianFirstResponseSeconds), total: s.total });
}

/** The state, and "private" / "removed by moderation" where that applies. */
export function ComplaintBadges({ complaint, lang }: { complaint: ComplaintEntity; lang: Lang }) {
  return (
    <span class="complaint-badges">
      <span class={`complaint-state complaint-state-${complaint.state}`}>{t(lang, `complaints.state.${complaint.state}`)}</span>
      {complaint.visibility === 'private' ? <span class="complaint-flag">{t(lang, 'complaints.privateBadge')}</span> : null}
      {complaint.removed ? <span class="complaint-flag complaint-flag-removed">{t(lang, 'complaints.removedBadge')}</span> : null}
    </span>
  );
}

/** One complaint in a list: subject, badges, who and when, and the public note when it went private. */
export function ComplaintItem({ complaint, lang, show }: { complaint: ComplaintEntity; lang: Lang; show: 'complainant' | 'target' | 'both' }) {
  const by = complaint.complainant.display_name || complaint.complainant.username;
  const about = complaint.target.display_name || complaint.target.username;
  return (
    <li class="complaint-item">
      <p class="complaint-item-title">
        <a href={`/complaints/${complaint.id}`}>{complaint.subject}</a> <ComplaintBadges complaint={complaint} lang={lang} />
      </p>
      <p class="complaint-meta">
        {show !== 'complainant' ? <a href={profilePath(complaint.target)}>{t(lang, 'complaints.about', { name: about })}</a> : null}
        {show === 'both' ? ' · ' : null}
        {show !== 'target' ? t(lang, 'complaints.by', { name: by, date: formatDate(lang, complaint.created_at) }) : null}
        {complaint.replies_count ? ` · ${complaint.replies_count === 1 ? t(lang, 'complaints.repliesOne') : t(lang, 'complaints.replies', { count: complaint.replies_count })}` : null}
        {complaint.moved_to_private_at ? ` · ${t(lang, 'complaints.movedNote')}` : null}
      </p>
    </li>
  );
}

export function ComplaintList({ complaints, lang, show, empty }: { complaints: ComplaintEntity[]; lang: Lang; show: 'complainant' | 'target' | 'both'; empty: string }) {
  if (complaints.length === 0) return <p class="empty-state">{empty}</p>;
  return (
    <ul class="complaint-list">
      {complaints.map((c) => (
        <ComplaintItem complaint={c} lang={lang} show={show} />
      ))}
    </ul>
  );
}

/** A text as the person typed it: paragraphs and line breaks kept, nothing rendered as markup. */
export function PlainText({ text }: { text: string }) {
  return (
    <div class="complaint-text">
      {text.split(/\n{2,}/).map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}
