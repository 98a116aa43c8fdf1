/**
 * Notification types grouped as a person switches them on or off (`/settings/notifications`).
 * `notify()` consults this map and the account's preferences before it records anything, so
 * a domain that adds a notification type adds it here (and its text and link in
 * `src/web/notifications/notification-kinds.ts`); a type in no group is always delivered.
 */
export const NOTIFICATION_GROUPS = {
  mentions: ['mention', 'status'],
  favourites: ['favourite'],
  reblogs: ['reblog'],
  updates: ['update'],
  polls: ['poll'],
  follows: ['follow'],
  follow_requests: ['follow_request'],
  consultas: ['medired.consulta_answer', 'medired.consulta_accepted', 'medired.consulta_comment'],
  consulta_questions: ['medired.consulta_question'],
  // Private messages are Mastodon's `mention` (with `group: 'messages'`, see message-delivery.ts) and message requests.
  messages: ['medired.message_request'],
  // A care request to a professional or organisation (src/care-requests/).
  care_requests: ['medired.care_request'],
  reports: ['medired.report'],
  // Complaints (src/complaints/): one about the reader, and the answer to the reader's complaint.
  complaints: ['medired.complaint', 'medired.complaint_answered'],
  groups: ['medired.group_join_request', 'medired.group_approved', 'medired.group_invited', 'medired.group_reply', 'medired.group_report'],
  staff: ['admin.report', 'admin.sign_up'],
  // Decisions about one's own account: always delivered, never switchable (see ALWAYS_ON_GROUP).
  account: ['medired.moderation', 'medired.appeal', 'medired.verification', 'moderation_warning'],
} as const satisfies Record<string, readonly string[]>;

export type NotificationGroup = keyof typeof NOTIFICATION_GROUPS;

/**
 * Moderation decisions about one's own account, their appeals and verification decisions: a
 * person must learn what was decided about them (and how to appeal), so this group cannot be
 * switched off, whatever a form or a stored row says.
 */
export const ALWAYS_ON_GROUP = 'account' satisfies NotificationGroup;

export type SwitchableGroup = Exclude<NotificationGroup, typeof ALWAYS_ON_GROUP>;

/** The groups a person may switch, in the order the settings page shows them. */
export const SWITCHABLE_GROUPS = (Object.keys(NOTIFICATION_GROUPS) as NotificationGroup[]).filter((g): g is SwitchableGroup => g !== ALWAYS_ON_GROUP);

/** Groups only staff receive (shown on the settings page to staff only). */
export const STAFF_GROUPS: readonly SwitchableGroup[] = ['staff'];

const GROUP_OF = new Map<string, NotificationGroup>(
  (Object.entries(NOTIFICATION_GROUPS) as [NotificationGroup, readonly string[]][]).flatMap(([group, types]) => types.map((type) => [type, group] as const)),
);

/** Every notification type Medired knows (each in exactly one group). */
export const KNOWN_NOTIFICATION_TYPES: readonly string[] = [...GROUP_OF.keys()];

/** The group of a notification type, or null for a type no group claims (always delivered). */
export function groupOf(type: string): NotificationGroup | null {
  return GROUP_OF.get(type) ?? null;
}

export function isSwitchableGroup(group: string): group is SwitchableGroup {
  return (SWITCHABLE_GROUPS as readonly string[]).includes(group);
}
