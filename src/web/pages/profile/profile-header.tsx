import type { Viewer } from '../../../auth/viewer.js';
import { Icon } from '../../components/icons.js';
import { VerifiedBadge } from '../../components/verified-badge.js';
import { profilePath } from '../../components/account-name.js';
import { formatMonth, formatNumber, t, type Lang } from '../../i18n/i18n.js';
import { CsrfField } from '../../layout.js';
import type { ProfileData } from './profile-data.js';

export type ProfileTab = 'posts' | 'articles' | 'followers' | 'following' | 'gallery';

function countryName(lang: Lang, code: string | null): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Follow or unfollow button (a form), or "edit profile" on one's own profile. */
export function FollowButton({ profile, viewer, lang, returnTo }: { profile: ProfileData; viewer: Viewer | null; lang: Lang; returnTo: string }) {
  const path = profilePath(profile.account);
  if (profile.isOwner) {
    return <a class="button button-secondary" href="/settings/profile">{t(lang, 'profile.editProfile')}</a>;
  }
  if (!viewer) {
    return <a class="button" href={`/auth/sign_in?return_to=${encodeURIComponent(path)}`}>{t(lang, profile.account.locked ? 'relations.requestFollow' : 'profile.follow')}</a>;
  }
  const following = profile.relationship?.following ?? false;
  const requested = profile.relationship?.requested ?? false;
  const locked = profile.account.locked;
  return (
    <div class="profile-actions">
      {requested ? <span class="pending-badge">{t(lang, 'relations.pending')}</span> : null}
      <form method="post" action={`${path}/${following || requested ? 'unfollow' : 'follow'}`} class="inline-form">
        <CsrfField viewer={viewer} />
        <input type="hidden" name="return_to" value={returnTo} />
        <button type="submit" class={following || requested ? 'button button-secondary' : 'button'}>
          {t(lang, following ? 'profile.unfollow' : requested ? 'relations.withdraw' : locked ? 'relations.requestFollow' : 'profile.follow')}
        </button>
      </form>
      <a class="button button-secondary" href={`/messages/new?to=${encodeURIComponent(profile.account.acct)}`}>
        <Icon name="private" /> {t(lang, 'messages.sendMessage')}
      </a>
      <a class="profile-report" href={`/report?account_id=${profile.account.id}`}>{t(lang, 'profile.report')}</a>
    </div>
  );
}

/**
 * A profile as a personal brand: header image, avatar, name with verified badge and specialty,
 * profession or organisation type, place, bio, links, counts, follow button and the tabs.
 */
export function ProfileHeader(props: { profile: ProfileData; viewer: Viewer | null; lang: Lang; tab: ProfileTab; returnTo: string }) {
  const { profile, lang } = props;
  const { account, row } = profile;
  const m = account.medired;
  const path = profilePath(account);
  const place = [m.city, countryName(lang, m.country)].filter(Boolean).join(', ');
  const role = m.kind === 'professional' ? m.profession_label[lang] : m.kind === 'organization' ? m.organization_type_label[lang] : t(lang, 'kind.patient');
  const showSpecialty = m.specialty_label[lang] && !m.verified;
  return (
    <section class="profile" aria-labelledby="profile-name">
      <img class="profile-header-image" src={account.header} alt="" width="1500" height="500" />
      <div class="profile-body">
        <div class="profile-top">
          <img class="profile-avatar" src={account.avatar} alt="" width="120" height="120" />
          <FollowButton profile={profile} viewer={props.viewer} lang={lang} returnTo={props.returnTo} />
        </div>
        <h1 class="profile-name" id="profile-name">
          <bdi>{account.display_name || account.username}</bdi>
          <VerifiedBadge account={account} lang={lang} />
        </h1>
        <p class="profile-handle">
          @{account.acct}
          {profile.relationship?.followed_by ? <> <span class="follows-you">{t(lang, 'profile.followsYou')}</span></> : null}
        </p>
        {account.locked ? <p class="profile-locked">{t(lang, 'relations.lockedNote')}</p> : null}
        <ul class="profile-role">
          {role ? (
            <li>
              <Icon name={m.kind === 'organization' ? 'building' : 'stethoscope'} size={16} />
              {role}
              {showSpecialty ? ` · ${m.specialty_label[lang]}` : ''}
            </li>
          ) : null}
          {m.verification_status === 'pending' ? (
            <li>
              <span class="pending-badge">{t(lang, 'badge.pending')}</span>
            </li>
          ) : null}
          {place ? (
            <li>
              <Icon name="location" size={16} />
              {place}
            </li>
          ) : null}
          <li>{t(lang, 'profile.joined', { date: formatMonth(lang, row.created_at) })}</li>
        </ul>
        {account.note ? <div class="profile-bio" dangerouslySetInnerHTML={{ __html: account.note }} /> : null}
        {m.website || account.fields.length ? (
          <dl class="profile-fields">
            {m.website ? (
              <div>
                <dt>{t(lang, 'profile.website')}</dt>
                <dd>
                  <a href={m.website} rel="nofollow noopener noreferrer me" target="_blank">
                    {m.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                  </a>
                </dd>
              </div>
            ) : null}
            {account.fields.map((f) => (
              <div>
                <dt dangerouslySetInnerHTML={{ __html: f.name }} />
                <dd dangerouslySetInnerHTML={{ __html: f.value }} />
              </div>
            ))}
          </dl>
        ) : null}
        <ul class="profile-counts">
          <li>
            <a href={path}>
              <strong>{formatNumber(lang, account.statuses_count)}</strong> {t(lang, 'profile.posts')}
            </a>
          </li>
          <li>
            <a href={`${path}/followers`} aria-current={props.tab === 'followers' ? 'page' : undefined}>
              <strong>{formatNumber(lang, account.followers_count)}</strong> {t(lang, 'profile.followers')}
            </a>
          </li>
          <li>
            <a href={`${path}/following`} aria-current={props.tab === 'following' ? 'page' : undefined}>
              <strong>{formatNumber(lang, account.following_count)}</strong> {t(lang, 'profile.following')}
            </a>
          </li>
        </ul>
      </div>
    </section>
  );
}

/** Tabs between a profile's posts and its articles (the blog). */
export function ProfileTabs({ account, lang, tab, gallery = false }: { account: ProfileData['account']; lang: Lang; tab: ProfileTab; gallery?: boolean }) {
  const path = profilePath(account);
  return (
    <nav class="tabs" aria-label={t(lang, 'profile.tabs')}>
      <a href={path} aria-current={tab === 'posts' ? 'page' : undefined}>{t(lang, 'profile.posts')}</a>
      <a href={`${path}/articles`} aria-current={tab === 'articles' ? 'page' : undefined}>{t(lang, 'profile.articles')}</a>
      {gallery ? (
        <a href={`${path}/gallery`} aria-current={tab === 'gallery' ? 'page' : undefined}>
          {t(lang, 'gallery.tab')}
        </a>
      ) : null}
    </nav>
  );
}
