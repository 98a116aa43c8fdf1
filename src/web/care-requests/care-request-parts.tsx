import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import type { CareRequestEntity } from '../../care-requests/care-request-entity.js';
import type { CareRequestKind, CareRequestState, TimeSlot } from '../../care-requests/care-requests.js';
import { Avatar } from '../components/account-name.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';

export const CARE_REQUESTS_PATH = '/care-requests';

export const kindLabel = (lang: Lang, kind: CareRequestKind) => t(lang, `careRequests.kind.${kind}`);

export function StateBadge({ lang, state }: { lang: Lang; state: CareRequestState }) {
  return <span class={`care-state care-state-${state}`}>{t(lang, `careRequests.state.${state}`)}</span>;
}

/** A slot as people read it: "jueves, 10 de diciembre · 09:00–11:00". */
export function slotText(lang: Lang, slot: TimeSlot): string {
  const day = new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${slot.date}T12:00:00Z`));
  return `${day} · ${slot.from}–${slot.to}`;
}

export function SlotList({ lang, slots }: { lang: Lang; slots: TimeSlot[] }) {
  if (slots.length === 0) return null;
  return (
    <ul class="care-slots">
      {slots.map((s) => (
        <li>{slotText(lang, s)}</li>
      ))}
    </ul>
  );
}

/** One request in a list: who (the other party), what, when, its state. */
export function CareRequestItem({ lang, request, other }: { lang: Lang; request: CareRequestEntity; other: MastodonAccount }) {
  return (
    <li class={`card care-item care-item-${request.state}`}>
      <a class="care-item-link" href={`${CARE_REQUESTS_PATH}/${request.id}`}>
        <Avatar account={other} size={44} />
        <span class="care-item-summary">
          <span class="care-item-name">{other.display_name || other.username}</span>
          <span class="care-item-kind">
            {kindLabel(lang, request.kind)}
            {request.slots.length ? ` · ${t(lang, 'careRequests.slotsCount', { count: request.slots.length })}` : ''}
          </span>
          <time class="care-item-when" datetime={request.created_at}>{formatDateTime(lang, request.created_at)}</time>
        </span>
        <StateBadge lang={lang} state={request.state} />
      </a>
    </li>
  );
}
