import type { Generated } from 'kysely';
import type { AccountsTable, UsersTable } from '../accounts/accounts.table.js';
import type {
  EmailTokensTable,
  InstanceSecretsTable,
  OauthAccessTokensTable,
  OauthApplicationsTable,
  OauthAuthorizationCodesTable,
  SessionsTable,
} from '../auth/auth.table.js';
import type { JobsTable } from '../jobs/jobs.table.js';
import type { InstanceCountersTable } from '../instance/instance.table.js';
// Issue 10 (push, announcements, rules): Mastodon's Web Push, announcements and instance rules.
import type { InstanceRulesTable, InstanceWeeklyLoginsTable } from '../instance/instance.table.js';
import type { PushSubscriptionsTable } from '../push/push.table.js';
import type { AnnouncementDismissalsTable, AnnouncementReactionsTable, AnnouncementsTable } from '../announcements/announcements.table.js';
import type { ConsultaAnswersTable, ConsultaCommentsTable, ConsultaHelpfulVotesTable, ConsultaNoticeQuotaTable, ConsultaQuestionsTable } from '../consultas/consultas.table.js';
import type { HealthAlertsTable } from '../alerts/alerts.table.js';
import type { FactCheckRatingsTable, FactChecksTable } from '../factchecks/factchecks.table.js';
import type { MediaAttachmentsTable } from '../media/media.table.js';
import type { BlocksTable, FollowRequestsTable, FollowsTable, MutesTable } from '../relations/relations.table.js';
import type { AppealsTable, ModerationActionsTable, ReportsTable } from '../moderation/moderation.table.js';
import type { VerificationRequestsTable } from '../verification/verification.table.js';
import type { AuditLogTable } from '../audit/audit.table.js';
import type { ConversationMembersTable, ConversationsTable } from '../messages/messages.table.js';
import type { NotificationsTable } from '../notifications/notifications.table.js';
import type { NotificationPreferencesTable } from '../notifications/notification-preferences.table.js';
import type { NotificationPermissionsTable, NotificationPoliciesTable, NotificationRequestsTable } from '../notifications/notification-policy.table.js';
import type { ConversationMutesTable } from '../posts/conversation-mutes.table.js';
import type { AccountNotesTable } from '../relations/account-notes.table.js';
import type {
  AdminDomainAllowsTable,
  AdminDomainBlocksTable,
  CanonicalEmailBlocksTable,
  DailyActiveUsersTable,
  EmailDomainBlocksTable,
  EmailDomainBlockUsesTable,
  IpBlocksTable,
} from '../admin-blocks/admin-blocks.table.js';
import type { StatusTrendReviewsTable } from '../explore/trend-reviews.table.js';
import type { MarkersTable } from '../markers/markers.table.js';
import type { ComplaintEntriesTable, ComplaintsTable } from '../complaints/complaints.table.js';
import type { PracticeInfoTable } from '../practice/practice.table.js';
import type { CareRequestsTable } from '../care-requests/care-requests.table.js';
import type { BookmarksTable, StatusPinsTable } from '../posts/bookmarks.table.js';
import type { PollsTable, PollVotesTable } from '../polls/polls.table.js';
import type { ScheduledStatusesTable } from '../scheduled-statuses/scheduled-statuses.table.js';
import type { FilterKeywordsTable, FiltersTable, FilterStatusesTable } from '../filters/filters.table.js';
import type { ListAccountsTable, ListsTable } from '../lists/lists.table.js';
import type { FeaturedTagsTable, TagFollowsTable } from '../tags/tags.table.js';
import type { AccountPinsTable } from '../endorsements/endorsements.table.js';
import type { SuggestionDismissalsTable } from '../explore/explore.table.js';
import type { AccountDomainBlocksTable } from '../domain-blocks/domain-blocks.table.js';
// Issue 11 (analytics): aggregate counters of the professionals' and organisations' dashboard.
import type { AnalyticsFollowerEventsTable, AnalyticsFollowerSnapshotsTable, AnalyticsItemViewsTable, AnalyticsStateTable } from '../analytics/analytics.table.js';
import type {
  FavouritesTable,
  MentionsTable,
  StatusEditsTable,
  StatusIdempotencyKeysTable,
  StatusesTable,
  StatusTagsTable,
  TagsTable,
} from '../posts/posts.table.js';
// Issue 11 (promoted posts): credits, promotions and their impressions.
import type { PromotionCreditBalancesTable, PromotionCreditLedgerTable, PromotionImpressionsTable, PromotionsTable } from '../promotions/promotions.table.js';
// Issue 11 (media): images on answers and group posts; before/after galleries with consent.
import type { ConsultaAnswerMediaTable, GroupPostMediaTable } from '../attachments/attachments.table.js';
import type { GalleryEntriesTable } from '../galleries/galleries.table.js';
// Issue 11: influence scores (the directory sorts by them).
import type { AccountInfluenceTable, InfluenceDirtyTable } from '../influence/influence.table.js';
import type { GroupMembersTable, GroupPostLikesTable, GroupPostReportsTable, GroupPostsTable, GroupResourcesTable, GroupsTable } from '../groups/groups.table.js';

/** Every table of the schema, as Kysely sees it. Row types live next to their domain. */
export interface Database {
  schema_migrations: { name: string; applied_at: Generated<Date> };
  accounts: AccountsTable;
  users: UsersTable;
  follows: FollowsTable;
  follow_requests: FollowRequestsTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  instance_secrets: InstanceSecretsTable;
  oauth_applications: OauthApplicationsTable;
  oauth_authorization_codes: OauthAuthorizationCodesTable;
  oauth_access_tokens: OauthAccessTokensTable;
  statuses: StatusesTable;
  status_edits: StatusEditsTable;
  status_idempotency_keys: StatusIdempotencyKeysTable;
  favourites: FavouritesTable;
  tags: TagsTable;
  status_tags: StatusTagsTable;
  mentions: MentionsTable;
  media_attachments: MediaAttachmentsTable;
  jobs: JobsTable;
  consulta_questions: ConsultaQuestionsTable;
  consulta_answers: ConsultaAnswersTable;
  consulta_helpful_votes: ConsultaHelpfulVotesTable;
  consulta_comments: ConsultaCommentsTable;
  consulta_notice_quota: ConsultaNoticeQuotaTable;
  health_alerts: HealthAlertsTable;
  fact_checks: FactChecksTable;
  fact_check_ratings: FactCheckRatingsTable;
  blocks: BlocksTable;
  mutes: MutesTable;
  notifications: NotificationsTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  notification_preferences: NotificationPreferencesTable;
  markers: MarkersTable;
  verification_requests: VerificationRequestsTable;
  reports: ReportsTable;
  moderation_actions: ModerationActionsTable;
  appeals: AppealsTable;
  audit_log: AuditLogTable;
  instance_counters: InstanceCountersTable;
  complaints: ComplaintsTable;
  complaint_entries: ComplaintEntriesTable;
  // Care channels: practice information and care requests (issue 9).
  practice_info: PracticeInfoTable;
  care_requests: CareRequestsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_posts: GroupPostsTable;
  group_post_likes: GroupPostLikesTable;
  group_resources: GroupResourcesTable;
  group_post_reports: GroupPostReportsTable;
  bookmarks: BookmarksTable;
  status_pins: StatusPinsTable;
  polls: PollsTable;
  poll_votes: PollVotesTable;
  scheduled_statuses: ScheduledStatusesTable;
  filters: FiltersTable;
  filter_keywords: FilterKeywordsTable;
  filter_statuses: FilterStatusesTable;
  lists: ListsTable;
  list_accounts: ListAccountsTable;
  tag_follows: TagFollowsTable;
  featured_tags: FeaturedTagsTable;
  account_pins: AccountPinsTable;
  suggestion_dismissals: SuggestionDismissalsTable;
  account_domain_blocks: AccountDomainBlocksTable;
  push_subscriptions: PushSubscriptionsTable;
  announcements: AnnouncementsTable;
  announcement_dismissals: AnnouncementDismissalsTable;
  announcement_reactions: AnnouncementReactionsTable;
  instance_rules: InstanceRulesTable;
  instance_weekly_logins: InstanceWeeklyLoginsTable;
  promotions: PromotionsTable;
  promotion_credit_balances: PromotionCreditBalancesTable;
  promotion_credit_ledger: PromotionCreditLedgerTable;
  promotion_impressions: PromotionImpressionsTable;
  analytics_state: AnalyticsStateTable;
  analytics_follower_events: AnalyticsFollowerEventsTable;
  analytics_follower_snapshots: AnalyticsFollowerSnapshotsTable;
  analytics_item_views: AnalyticsItemViewsTable;
  consulta_answer_media: ConsultaAnswerMediaTable;
  group_post_media: GroupPostMediaTable;
  gallery_entries: GalleryEntriesTable;
  account_influence: AccountInfluenceTable;
  influence_dirty: InfluenceDirtyTable;
  // Mastodon 4.3 notification filtering, conversation mutes and account notes (issue 10).
  notification_policies: NotificationPoliciesTable;
  notification_requests: NotificationRequestsTable;
  notification_permissions: NotificationPermissionsTable;
  conversation_mutes: ConversationMutesTable;
  account_notes: AccountNotesTable;
  // Mastodon's admin API: server-wide blocks, trend review and the dashboard (issue 10).
  admin_domain_blocks: AdminDomainBlocksTable;
  admin_domain_allows: AdminDomainAllowsTable;
  email_domain_blocks: EmailDomainBlocksTable;
  email_domain_block_uses: EmailDomainBlockUsesTable;
  ip_blocks: IpBlocksTable;
  canonical_email_blocks: CanonicalEmailBlocksTable;
  status_trend_reviews: StatusTrendReviewsTable;
  daily_active_users: DailyActiveUsersTable;
}
