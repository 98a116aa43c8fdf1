import { conversationUpdated } from '../messages/conversation-stream-event.js';
import { notificationsMerged } from '../notifications/notifications-merged-event.js';
import { notificationCreated } from './notification-stream-event.js';
import { statusCreated, statusDeleted, statusUpdated } from './status-stream-events.js';
import type { StreamEventKind } from './stream-events.js';

/**
 * Every kind of stream event the hub delivers. A domain adds its own here, defined next to its
 * code with `defineStreamEvent` (e.g. the private messages' `conversation`), and publishes it
 * with `publishStreamEvent`.
 */
// biome-ignore lint: kinds of different event shapes
export const STREAM_EVENT_KINDS: readonly StreamEventKind<any>[] = [statusCreated, statusUpdated, statusDeleted, notificationCreated, conversationUpdated, notificationsMerged];
