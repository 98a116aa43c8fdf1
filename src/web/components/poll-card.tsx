import type { Viewer } from '../../auth/viewer.js';
import type { MastodonPoll } from '../../polls/poll-entity.js';
import { formatDateTime, formatNumber, t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';

/** The share of the votes for one option, as a whole percentage. */
function percent(votes: number | null, total: number): number {
  return votes === null || total === 0 ? 0 : Math.round((votes / total) * 100);
}

function Summary({ poll, lang }: { poll: MastodonPoll; lang: Lang }) {
  return (
    <p class="poll-summary">
      {poll.multiple ? t(lang, 'poll.voters', { count: formatNumber(lang, poll.voters_count ?? 0) }) : t(lang, 'poll.votes', { count: formatNumber(lang, poll.votes_count) })}
      {' · '}
      {poll.expired ? t(lang, 'poll.ended') : poll.expires_at ? t(lang, 'poll.endsAt', { date: formatDateTime(lang, poll.expires_at) }) : null}
    </p>
  );
}

/**
 * A status's poll: a ballot (plain form, CSRF-protected) for a signed-in reader who has not
 * voted in a running poll, the results otherwise — per-option counts only when the poll shows
 * them (a `hide_totals` poll hides them until it ends).
 */
export function PollCard(props: { statusId: string; poll: MastodonPoll; lang: Lang; viewer: Viewer | null; returnTo: string }) {
  const { poll, lang, viewer } = props;
  const label = t(lang, 'poll.label');
  if (viewer && !poll.voted && !poll.expired) {
    return (
      <form method="post" action={`/statuses/${props.statusId}/vote`} class="poll poll-ballot">
        <CsrfField viewer={viewer} />
        <input type="hidden" name="return_to" value={props.returnTo} />
        <fieldset>
          <legend class="visually-hidden">{label}</legend>
          {poll.options.map((o, i) => (
            <label class="poll-option">
              <input type={poll.multiple ? 'checkbox' : 'radio'} name="choices[]" value={String(i)} required={!poll.multiple} /> <span>{o.title}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button button-small">{t(lang, 'poll.vote')}</button>
        <Summary poll={poll} lang={lang} />
      </form>
    );
  }
  const hidden = poll.options.some((o) => o.votes_count === null);
  const own = new Set(poll.own_votes ?? []);
  const total = poll.multiple ? (poll.voters_count ?? poll.votes_count) : poll.votes_count;
  return (
    <div class="poll poll-results" role="group" aria-label={label}>
      <ul>
        {poll.options.map((o, i) => (
          <li class={`poll-result${own.has(i) ? ' is-own' : ''}`}>
            <span class="poll-result-title">
              {o.title}
              {own.has(i) ? <span class="poll-own"> ({t(lang, 'poll.yourChoice')})</span> : null}
            </span>
            {o.votes_count !== null ? (
              <>
                <span class="poll-result-percent">{percent(o.votes_count, total)}%</span>
                <span class="poll-bar" style={`width: ${percent(o.votes_count, total)}%`} aria-hidden="true"></span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {hidden ? <p class="poll-hidden">{t(lang, 'poll.totalsHidden')}</p> : null}
      <Summary poll={poll} lang={lang} />
    </div>
  );
}
