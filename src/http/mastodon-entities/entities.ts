/**
 * Mastodon's REST entities as zod schemas, written from docs.joinmastodon.org/entities/* (and
 * checked against Mastodon's `app/serializers/rest/*`): documented keys are required with their
 * type and nullability, nested entities by reference, enums where the docs list the values.
 * Extra keys (Medired's `medired` extensions, newer attributes) are allowed: `z.object` ignores
 * unknown keys. Keys Mastodon only sends in some cases (`moved`, `suspended`, viewer flags) are
 * optional but typed. Used by `src/http/mastodon-entities.test.ts`.
 */
import { z } from 'zod';

const id = z.string().regex(/^[0-9A-Za-z_-]+$/, 'an id is a non-empty string');
/** ISO 8601 datetime, as Mastodon sends (`2019-12-08T03:48:33.901Z`). */
const datetime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'an ISO 8601 datetime');
/** ISO 8601 date (`Account.last_status_at`, `Tag.history.day` is a UNIX day string instead). */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO 8601 date');
const url = z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URL');
const count = z.number().int().nonnegative();
const numeric = z.string().regex(/^\d+$/, 'a number as a string');

export const CustomEmoji = z.object({
  shortcode: z.string(),
  url,
  static_url: url,
  visible_in_picker: z.boolean(),
  category: z.string().nullable().optional(),
});

export const Field = z.object({ name: z.string(), value: z.string(), verified_at: datetime.nullable() });

export const Role = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  permissions: numeric,
  highlighted: z.boolean(),
});
export const AccountRole = z.object({ id: z.string(), name: z.string(), color: z.string() });

const accountShape = {
  id,
  username: z.string().min(1),
  acct: z.string().min(1),
  url,
  uri: url,
  display_name: z.string(),
  note: z.string(),
  avatar: url,
  avatar_static: url,
  header: url,
  header_static: url,
  locked: z.boolean(),
  fields: z.array(Field),
  emojis: z.array(CustomEmoji),
  bot: z.boolean(),
  group: z.boolean(),
  discoverable: z.boolean().nullable(),
  indexable: z.boolean(),
  noindex: z.boolean().nullable().optional(),
  hide_collections: z.boolean().nullable(),
  suspended: z.boolean().optional(),
  limited: z.boolean().optional(),
  memorial: z.boolean().optional(),
  created_at: datetime,
  last_status_at: date.nullable(),
  statuses_count: count,
  followers_count: count,
  following_count: count,
  roles: z.array(AccountRole),
};
export const Account: z.ZodType = z.lazy(() => z.object({ ...accountShape, moved: Account.nullable().optional() }));

export const CredentialAccount = z.object({
  ...accountShape,
  source: z.object({
    note: z.string(),
    fields: z.array(Field),
    privacy: z.enum(['public', 'unlisted', 'private', 'direct']),
    sensitive: z.boolean(),
    language: z.string().nullable(),
    follow_requests_count: count,
    hide_collections: z.boolean().nullable(),
    discoverable: z.boolean().nullable(),
    indexable: z.boolean(),
  }),
  role: Role,
});

const imageSize = z.object({ width: count, height: count, size: z.string().regex(/^\d+x\d+$/), aspect: z.number() });
/** `meta` as Mastodon documents it: sizes of `original` and `small`, an optional `focus`, video length fields. */
const mediaMeta = z
  .object({
    original: z.object({ width: count, height: count, size: z.string().regex(/^\d+x\d+$/).optional(), aspect: z.number().optional(), frame_rate: z.string().regex(/^\d+\/\d+$/).optional(), duration: z.number().optional(), bitrate: count.optional() }).optional(),
    small: imageSize.optional(),
    focus: z.object({ x: z.number().min(-1).max(1), y: z.number().min(-1).max(1) }).optional(),
    length: z.string().regex(/^\d+:\d\d:\d\d\.\d\d$/).optional(),
    duration: z.number().optional(),
    fps: z.number().optional(),
  })
  .passthrough();
export const MediaAttachment = z
  .object({
    id,
    type: z.enum(['unknown', 'image', 'gifv', 'video', 'audio']),
    url: url.nullable(),
    preview_url: url.nullable(),
    remote_url: url.nullable(),
    preview_remote_url: url.nullable().optional(),
    text_url: url.nullable().optional(),
    meta: mediaMeta.nullable(),
    description: z.string().nullable(),
    // BlurHash: 6 characters plus 2 per AC component, base 83.
    blurhash: z.string().regex(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/).nullable(),
  })
  // A processed image (its url set) has its sizes; one still processing (202/206) may not yet.
  .refine((m) => m.type !== 'image' || m.url === null || imageSize.safeParse((m.meta as { original?: unknown } | null)?.original).success, {
    message: 'an image has meta.original { width, height, size, aspect }',
    path: ['meta', 'original'],
  })
  .refine((m) => m.type !== 'image' || m.url === null || m.meta?.small === undefined || imageSize.safeParse(m.meta.small).success, { message: 'meta.small is { width, height, size, aspect }', path: ['meta', 'small'] });

export const PollOption = z.object({ title: z.string(), votes_count: count.nullable() });
export const Poll = z.object({
  id,
  expires_at: datetime.nullable(),
  expired: z.boolean(),
  multiple: z.boolean(),
  votes_count: count,
  voters_count: count.nullable(),
  options: z.array(PollOption).min(2),
  emojis: z.array(CustomEmoji),
  voted: z.boolean().optional(),
  own_votes: z.array(z.number().int()).optional(),
});

export const PreviewCard = z.object({
  url,
  title: z.string(),
  description: z.string(),
  type: z.enum(['link', 'photo', 'video', 'rich']),
  author_name: z.string(),
  author_url: z.string(),
  provider_name: z.string(),
  provider_url: z.string(),
  html: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  image: url.nullable(),
  embed_url: z.string(),
  blurhash: z.string().nullable(),
});
export const TagHistory = z.object({ day: numeric, uses: numeric, accounts: numeric });
export const TrendsLink = PreviewCard.extend({ history: z.array(TagHistory) });

export const FilterKeyword = z.object({ id, keyword: z.string(), whole_word: z.boolean() });
export const FilterStatus = z.object({ id, status_id: id });
const filterContext = z.array(z.enum(['home', 'notifications', 'public', 'thread', 'account']));
export const Filter = z.object({
  id,
  title: z.string(),
  context: filterContext,
  expires_at: datetime.nullable(),
  filter_action: z.enum(['warn', 'hide', 'blur']),
  keywords: z.array(FilterKeyword),
  statuses: z.array(FilterStatus),
});
/** In a FilterResult Mastodon sends the filter without its keywords and statuses. */
export const FilterResult = z.object({ filter: Filter.omit({ keywords: true, statuses: true }), keyword_matches: z.array(z.string()).nullable(), status_matches: z.array(id).nullable() });
export const V1Filter = z.object({
  id,
  phrase: z.string(),
  context: filterContext,
  expires_at: datetime.nullable(),
  irreversible: z.boolean(),
  whole_word: z.boolean(),
});

const visibility = z.enum(['public', 'unlisted', 'private', 'direct']);
export const StatusMention = z.object({ id, username: z.string(), url, acct: z.string() });
export const StatusTag = z.object({ name: z.string(), url });
export const Status: z.ZodType = z.lazy(() =>
  z.object({
    id,
    uri: url,
    created_at: datetime,
    account: Account,
    content: z.string(),
    visibility,
    sensitive: z.boolean(),
    spoiler_text: z.string(),
    media_attachments: z.array(MediaAttachment),
    // Mastodon omits it for others' statuses and serializes a missing application as null.
    application: z.object({ name: z.string(), website: z.string().nullable() }).nullable().optional(),
    mentions: z.array(StatusMention),
    tags: z.array(StatusTag),
    emojis: z.array(CustomEmoji),
    reblogs_count: count,
    favourites_count: count,
    replies_count: count,
    url: url.nullable(),
    in_reply_to_id: id.nullable(),
    in_reply_to_account_id: id.nullable(),
    reblog: Status.nullable(),
    poll: Poll.nullable(),
    card: PreviewCard.nullable(),
    language: z.string().nullable(),
    text: z.string().nullable().optional(),
    edited_at: datetime.nullable(),
    favourited: z.boolean().optional(),
    reblogged: z.boolean().optional(),
    muted: z.boolean().optional(),
    bookmarked: z.boolean().optional(),
    pinned: z.boolean().optional(),
    filtered: z.array(FilterResult).optional(),
  }),
);

export const Context = z.object({ ancestors: z.array(Status), descendants: z.array(Status) });
export const StatusEdit = z.object({
  content: z.string(),
  spoiler_text: z.string(),
  sensitive: z.boolean(),
  created_at: datetime,
  account: Account,
  poll: z.object({ options: z.array(z.object({ title: z.string() })) }).nullable().optional(),
  media_attachments: z.array(MediaAttachment),
  emojis: z.array(CustomEmoji),
});
export const StatusSource = z.object({ id, text: z.string(), spoiler_text: z.string() });

export const ScheduledStatus = z.object({
  id,
  scheduled_at: datetime,
  params: z.object({
    text: z.string(),
    poll: z.object({ options: z.array(z.string()), expires_in: z.union([z.string(), z.number()]), multiple: z.boolean().optional(), hide_totals: z.boolean().optional() }).nullable(),
    media_ids: z.array(id).nullable(),
    sensitive: z.boolean().nullable(),
    spoiler_text: z.string().nullable(),
    visibility,
    in_reply_to_id: id.nullable(),
    language: z.string().nullable(),
    application_id: z.number().int().nullable(),
    scheduled_at: datetime.nullable(),
    idempotency: z.string().nullable(),
    with_rate_limit: z.boolean(),
  }),
  media_attachments: z.array(MediaAttachment),
});

export const Relationship = z.object({
  id,
  following: z.boolean(),
  showing_reblogs: z.boolean(),
  notifying: z.boolean(),
  languages: z.array(z.string()).nullable(),
  followed_by: z.boolean(),
  blocking: z.boolean(),
  blocked_by: z.boolean(),
  muting: z.boolean(),
  muting_notifications: z.boolean(),
  requested: z.boolean(),
  requested_by: z.boolean(),
  domain_blocking: z.boolean(),
  endorsed: z.boolean(),
  note: z.string(),
});
export const FamiliarFollowers = z.object({ id, accounts: z.array(Account) });
export const Suggestion = z.object({
  source: z.enum(['staff', 'past_interactions', 'global']),
  sources: z.array(z.enum(['featured', 'most_followed', 'most_interactions', 'similar_to_recently_followed', 'friends_of_friends'])),
  account: Account,
});

export const Report = z.object({
  id,
  action_taken: z.boolean(),
  action_taken_at: datetime.nullable(),
  category: z.enum(['spam', 'legal', 'violation', 'other']),
  comment: z.string(),
  forwarded: z.boolean(),
  created_at: datetime,
  status_ids: z.array(id).nullable(),
  rule_ids: z.array(id).nullable(),
  target_account: Account,
});

const notificationTypes = [
  'mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update',
  'admin.sign_up', 'admin.report', 'severed_relationships', 'moderation_warning', 'quote', 'quoted_update',
] as const;
/** Mastodon's documented types, or a Medired one (`medired.<something>`). */
const notificationType = z.union([z.enum(notificationTypes), z.string().regex(/^medired\.[a-z_.]+$/)]);
export const Notification = z.object({
  id,
  type: notificationType,
  group_key: z.string(),
  created_at: datetime,
  account: Account,
  status: Status.nullable().optional(),
  report: Report.nullable().optional(),
});
export const NotificationGroup = z.object({
  group_key: z.string(),
  notifications_count: count,
  type: notificationType,
  most_recent_notification_id: id,
  page_min_id: id.optional(),
  page_max_id: id.optional(),
  latest_page_notification_at: datetime.optional(),
  sample_account_ids: z.array(id),
  status_id: id.nullable().optional(),
  report: Report.nullable().optional(),
});
export const GroupedNotificationsResults = z.object({
  accounts: z.array(Account),
  statuses: z.array(Status),
  notification_groups: z.array(NotificationGroup),
});
export const UnreadCount = z.object({ count: count });

export const Conversation = z.object({ id, unread: z.boolean(), accounts: z.array(Account), last_status: Status.nullable() });
export const List = z.object({ id, title: z.string(), replies_policy: z.enum(['followed', 'list', 'none']), exclusive: z.boolean() });
const markerShape = z.object({ last_read_id: id, version: z.number().int(), updated_at: datetime });
export const Markers = z.object({ home: markerShape.optional(), notifications: markerShape.optional() });

export const Tag = z.object({ name: z.string(), url, history: z.array(TagHistory), following: z.boolean().optional(), featuring: z.boolean().optional() });
export const FeaturedTag = z.object({ id, name: z.string(), url, statuses_count: z.union([count, numeric]), last_status_at: z.union([datetime, date]).nullable() });

export const Rule = z.object({ id, text: z.string(), hint: z.string() });
export const Application = z.object({
  name: z.string(),
  website: z.string().nullable(),
  scopes: z.array(z.string()),
  redirect_uris: z.array(z.string()),
});
export const CredentialApplication = Application.extend({ client_id: z.string(), client_secret: z.string(), redirect_uri: z.string() });
export const Token = z.object({ access_token: z.string(), token_type: z.literal('Bearer'), scope: z.string(), created_at: z.number().int() });

export const Search = z.object({ accounts: z.array(Account), statuses: z.array(Status), hashtags: z.array(Tag) });
export const Preferences = z.object({
  'posting:default:visibility': visibility,
  'posting:default:sensitive': z.boolean(),
  'posting:default:language': z.string().nullable(),
  'reading:expand:media': z.enum(['default', 'show_all', 'hide_all']),
  'reading:expand:spoilers': z.boolean(),
});

export const Announcement = z.object({
  id,
  content: z.string(),
  starts_at: datetime.nullable(),
  ends_at: datetime.nullable(),
  published: z.boolean(),
  all_day: z.boolean(),
  published_at: datetime,
  updated_at: datetime,
  read: z.boolean().optional(),
  mentions: z.array(StatusMention),
  statuses: z.array(z.object({ id, url })),
  tags: z.array(StatusTag),
  emojis: z.array(CustomEmoji),
  reactions: z.array(z.object({ name: z.string(), count, me: z.boolean().optional(), url: url.optional(), static_url: url.optional() })),
});

const alertKeys = ['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update', 'admin.sign_up', 'admin.report'] as const;
export const WebPushSubscription = z.object({
  id,
  endpoint: url,
  standard: z.boolean(),
  server_key: z.string(),
  alerts: z.object(Object.fromEntries(alertKeys.map((k) => [k, z.boolean()]))),
  policy: z.enum(['all', 'followed', 'follower', 'none']),
});

export const AdminAccount = z.object({
  id,
  username: z.string(),
  domain: z.string().nullable(),
  created_at: datetime,
  email: z.string(),
  ip: z.string().nullable(),
  ips: z.array(z.object({ ip: z.string(), used_at: datetime })),
  locale: z.string().nullable(),
  invite_request: z.string().nullable(),
  role: Role,
  confirmed: z.boolean(),
  approved: z.boolean(),
  disabled: z.boolean(),
  silenced: z.boolean(),
  suspended: z.boolean(),
  sensitized: z.boolean(),
  account: Account,
});
export const AdminReport = z.object({
  id,
  action_taken: z.boolean(),
  action_taken_at: datetime.nullable(),
  category: z.enum(['spam', 'legal', 'violation', 'other']),
  comment: z.string(),
  forwarded: z.boolean(),
  created_at: datetime,
  updated_at: datetime,
  account: AdminAccount,
  target_account: AdminAccount,
  assigned_account: AdminAccount.nullable(),
  action_taken_by_account: AdminAccount.nullable(),
  statuses: z.array(Status),
  rules: z.array(Rule),
});

const statusesConfiguration = z.object({ max_characters: count, max_media_attachments: count, characters_reserved_per_url: count });
const mediaConfiguration = z.object({
  supported_mime_types: z.array(z.string()),
  image_size_limit: count,
  image_matrix_limit: count,
  video_size_limit: count,
  video_frame_rate_limit: count,
  video_matrix_limit: count,
});
const pollsConfiguration = z.object({ max_options: count, max_characters_per_option: count, min_expiration: count, max_expiration: count });
export const InstanceV1 = z.object({
  uri: z.string(),
  title: z.string(),
  short_description: z.string(),
  description: z.string(),
  email: z.string(),
  version: z.string(),
  urls: z.object({ streaming_api: z.string().regex(/^wss?:\/\//) }),
  stats: z.object({ user_count: count, status_count: count, domain_count: count }),
  thumbnail: url.nullable(),
  languages: z.array(z.string()),
  registrations: z.boolean(),
  approval_required: z.boolean(),
  invites_enabled: z.boolean(),
  configuration: z.object({
    accounts: z.object({ max_featured_tags: count }),
    statuses: statusesConfiguration,
    media_attachments: mediaConfiguration,
    polls: pollsConfiguration,
  }),
  contact_account: Account.nullable(),
  rules: z.array(Rule),
});
export const InstanceV2 = z.object({
  domain: z.string(),
  title: z.string(),
  version: z.string(),
  source_url: url,
  description: z.string(),
  usage: z.object({ users: z.object({ active_month: count }) }),
  thumbnail: z.object({ url, blurhash: z.string().nullable().optional(), versions: z.record(z.string(), url).optional() }),
  icon: z.array(z.object({ src: url, size: z.string().regex(/^\d+x\d+$/) })),
  languages: z.array(z.string()),
  configuration: z.object({
    urls: z.object({ streaming: z.string().regex(/^wss?:\/\//), status: z.string().nullable().optional() }),
    vapid: z.object({ public_key: z.string() }),
    accounts: z.object({ max_featured_tags: count, max_pinned_statuses: count }),
    statuses: statusesConfiguration,
    media_attachments: mediaConfiguration.extend({ description_limit: count.optional() }),
    polls: pollsConfiguration,
    translation: z.object({ enabled: z.boolean() }),
  }),
  registrations: z.object({ enabled: z.boolean(), approval_required: z.boolean(), message: z.string().nullable(), url: z.string().nullable().optional() }),
  api_versions: z.object({ mastodon: z.number().int() }),
  contact: z.object({ email: z.string(), account: Account.nullable() }),
  rules: z.array(Rule),
});
export const ExtendedDescription = z.object({ updated_at: datetime.nullable(), content: z.string() });
export const InstanceActivity = z.object({ week: numeric, statuses: numeric, logins: numeric, registrations: numeric });
export const DomainBlock = z.object({ domain: z.string(), digest: z.string(), severity: z.enum(['silence', 'suspend']), comment: z.string().optional() });
export const Language = z.object({ code: z.string(), name: z.string() });
export const TranslationLanguages = z.record(z.string(), z.array(z.string()));
export const Empty = z.object({}).strict();
export const DomainName = z.string().regex(/^[a-z0-9.-]+$/i, 'a domain name');

/** Mastodon 4.3's filtering policy (NotificationPolicy) and its v1 form (V1::NotificationPolicy). */
const policyAnswer = z.enum(['accept', 'filter', 'drop']);
const policySummary = z.object({ pending_requests_count: count, pending_notifications_count: count });
export const NotificationPolicy = z.object({
  for_not_following: policyAnswer,
  for_not_followers: policyAnswer,
  for_new_accounts: policyAnswer,
  for_private_mentions: policyAnswer,
  for_limited_accounts: policyAnswer,
  summary: policySummary,
});
export const V1NotificationPolicy = z.object({
  filter_not_following: z.boolean(),
  filter_not_followers: z.boolean(),
  filter_new_accounts: z.boolean(),
  filter_private_mentions: z.boolean(),
  summary: policySummary,
});
export const NotificationRequest = z.object({
  id,
  created_at: datetime,
  updated_at: datetime,
  notifications_count: numeric,
  account: Account,
  last_status: Status.optional(),
});
export const RequestsMerged = z.object({ merged: z.boolean() });

/** Mastodon 4.6's Profile: the signed-in account as it edits it. */
export const Profile = z.object({
  id,
  display_name: z.string(),
  note: z.string(),
  fields: z.array(Field),
  avatar: url.nullable(),
  avatar_static: url.nullable(),
  avatar_description: z.string(),
  header: url.nullable(),
  header_static: url.nullable(),
  header_description: z.string(),
  locked: z.boolean(),
  bot: z.boolean(),
  hide_collections: z.boolean().nullable(),
  discoverable: z.boolean().nullable(),
  indexable: z.boolean(),
  show_media: z.boolean(),
  show_media_replies: z.boolean(),
  show_featured: z.boolean(),
  attribution_domains: z.array(z.string()),
  featured_tags: z.array(FeaturedTag),
});

export const PrivacyPolicy = z.object({ updated_at: datetime, content: z.string() });
export const TermsOfService = z.object({ effective_date: date, effective: z.boolean(), content: z.string(), succeeded_by: date.nullable() });
/** WrappedAnnualReports: the reports with the accounts and statuses they name. */
export const WrappedAnnualReports = z.object({ annual_reports: z.array(z.object({ year: z.number().int(), data: z.record(z.string(), z.unknown()), schema_version: z.number().int() })), accounts: z.array(Account), statuses: z.array(Status) });
export const AnnualReportState = z.object({ state: z.enum(['available', 'generating', 'eligible', 'ineligible']) });
export const DomainBlockPreview = z.object({ following_count: count, followers_count: count });
export const OEmbed = z.object({
  type: z.literal('rich'),
  version: z.literal('1.0'),
  title: z.string(),
  author_name: z.string(),
  author_url: url,
  provider_name: z.string(),
  provider_url: url,
  cache_age: count,
  html: z.string(),
  width: count,
  height: count.nullable(),
});
/** OpenID Connect UserInfo (Mastodon 4.4). */
export const UserInfo = z.object({ iss: url, sub: url, name: z.string(), preferred_username: z.string(), profile: url, picture: url });

// ---- the admin API ----

export const AdminDomainBlock = z.object({
  id,
  domain: z.string(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: datetime,
  severity: z.enum(['noop', 'silence', 'suspend']),
  reject_media: z.boolean(),
  reject_reports: z.boolean(),
  private_comment: z.string().nullable(),
  public_comment: z.string().nullable(),
  obfuscate: z.boolean(),
});
export const AdminDomainAllow = z.object({ id, domain: z.string(), created_at: datetime });
export const AdminEmailDomainBlock = z.object({ id, domain: z.string(), created_at: datetime, history: z.array(z.object({ day: numeric, accounts: numeric, uses: numeric })) });
export const AdminIpBlock = z.object({ id, ip: z.string(), severity: z.enum(['sign_up_requires_approval', 'sign_up_block', 'no_access']), comment: z.string(), created_at: datetime, expires_at: datetime.nullable() });
export const AdminCanonicalEmailBlock = z.object({ id, canonical_email_hash: z.string().regex(/^[0-9a-f]{64}$/) });
export const AdminTag = Tag.extend({ id, trendable: z.boolean(), usable: z.boolean(), requires_review: z.boolean() });
export const AdminMeasure = z.object({
  key: z.string(),
  unit: z.string().nullable(),
  total: numeric,
  human_value: z.string().optional(),
  previous_total: numeric.optional(),
  data: z.array(z.object({ date: datetime, value: numeric })),
});
export const AdminDimension = z.object({
  key: z.string(),
  data: z.array(z.object({ key: z.string(), human_key: z.string(), value: z.string(), unit: z.string().optional(), human_value: z.string().optional() })),
});
export const AdminCohort = z.object({ period: datetime, frequency: z.enum(['day', 'month']), data: z.array(z.object({ date: datetime, rate: z.number(), value: numeric })) });
