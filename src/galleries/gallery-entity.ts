import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { Viewer } from '../auth/viewer.js';
import type { GallerySide } from './galleries.js';
import { imagesShown, mayManageEntry } from './galleries.policy.js';
import { findEntryMedia, type GalleryEntryRow } from './galleries.repository.js';
import { consentSubjectOf } from './galleries.service.js';

/** One image of a pair: served by the pair's own route, which answers 410 once consent is withdrawn. */
export interface GalleryImage {
  url: string;
  preview_url: string;
  description: string;
  width: number | null;
  height: number | null;
}

/** A before/after pair as the API and the pages show it. */
export interface GalleryEntryEntity {
  id: string;
  account: MastodonAccount;
  treatment: string;
  description: string;
  /** Null once the patient's consent is withdrawn. */
  before: GalleryImage | null;
  after: GalleryImage | null;
  consent: {
    /** `given`: shown with the patient's consent; `withdrawn`: the images are gone. */
    state: 'given' | 'withdrawn';
    /** The day the patient agreed (YYYY-MM-DD). */
    date: string;
    scope: 'public_medired';
    withdrawn_at: string | null;
    withdrawn_by: 'clinic' | 'patient' | null;
  };
  /** The consent record, for the clinic that published the pair only. */
  consent_record: { subject: string; statement: string } | null;
  created_at: string;
}

/** The URL of one image of a pair (`size=small`: its preview). */
export function galleryImageUrl(app: AppContext, entryId: string, side: GallerySide, small = false): string {
  return `${app.config.publicUrl}/api/v1/medired/galleries/${entryId}/images/${side}${small ? '?size=small' : ''}`;
}

/** Entities of entries, in order; accounts that cannot be loaded leave their entries out. */
export async function toGalleryEntities(app: AppContext, viewer: Viewer | null, rows: GalleryEntryRow[]): Promise<GalleryEntryEntity[]> {
  const mediaIds = rows.flatMap((r) => (imagesShown(r) ? [r.before_media_id, r.after_media_id].filter((x): x is string => x !== null) : []));
  const [media, accounts] = await Promise.all([findEntryMedia(app.db, mediaIds), findAccountsByIds(app.db, [...new Set(rows.map((r) => r.account_id))])]);
  const accountById = new Map(accounts.map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const image = (entry: GalleryEntryRow, side: GallerySide): GalleryImage | null => {
    const id = side === 'before' ? entry.before_media_id : entry.after_media_id;
    const row = id && imagesShown(entry) ? media.get(id) : undefined;
    if (!row) return null;
    return { url: galleryImageUrl(app, entry.id, side), preview_url: galleryImageUrl(app, entry.id, side, Boolean(row.preview_path)), description: row.description, width: row.width, height: row.height };
  };
  return rows.flatMap((entry) => {
    const account = accountById.get(entry.account_id);
    if (!account) return [];
    return [
      {
        id: entry.id,
        account,
        treatment: entry.treatment,
        description: entry.description,
        before: image(entry, 'before'),
        after: image(entry, 'after'),
        consent: {
          state: entry.withdrawn_at ? 'withdrawn' : 'given',
          date: entry.consent_date,
          scope: entry.consent_scope,
          withdrawn_at: entry.withdrawn_at?.toISOString() ?? null,
          withdrawn_by: entry.withdrawn_by,
        },
        consent_record: mayManageEntry(viewer, entry) ? { subject: consentSubjectOf(app, entry), statement: entry.consent_statement } : null,
        created_at: entry.created_at.toISOString(),
      },
    ];
  });
}
