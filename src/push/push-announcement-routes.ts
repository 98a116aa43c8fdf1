import { announcementRoutes } from '../announcements/announcements.routes.js';
import type { AnyRoute } from '../http/route.js';
import { instanceInfoRoutes } from '../instance/instance-info.routes.js';
import { pushRoutes } from './push.routes.js';

/** The routes of Mastodon's push, announcements and instance-information families (issue 10), in one list for `src/app.ts`. */
export const pushAnnouncementRoutes: AnyRoute[] = [...pushRoutes, ...announcementRoutes, ...instanceInfoRoutes];
