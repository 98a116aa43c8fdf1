import { z } from 'zod';
import { keyed } from '../errors.js';
import { zId } from '../http/schemas.js';

/** Limits of a before/after pair and of its consent record. */
export const GALLERY_LIMITS = { treatment: 120, description: 2000, subject: 200, statementMin: 20, statement: 4000 } as const;

/** Where the patient agreed the images may be shown; the only scope Medired knows. */
export const CONSENT_SCOPES = ['public_medired'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, keyed('gallery.error.consentDate', 'must be a date (YYYY-MM-DD), not in the future'))
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && d.getTime() <= Date.now() && d.getUTCFullYear() >= 2000;
  }, 'must be a date (YYYY-MM-DD), not in the future');

/**
 * The consent of the patient shown, as the clinic records it: who consented (a name or reference
 * the clinic keeps; never shown publicly), the day, the statement the patient agreed to, its scope,
 * and the clinic's confirmation that the patient did agree. Without it a pair is refused.
 */
export const consentInput = z.object(
  {
    subject: z.string().trim().min(2, keyed('gallery.error.consentSubject', 'must name who consented (at least 2 characters)')).max(GALLERY_LIMITS.subject, `may be at most ${GALLERY_LIMITS.subject} characters`),
    date: day,
    statement: z
      .string()
      .trim()
      .min(GALLERY_LIMITS.statementMin, keyed('gallery.error.consentStatement', `must be the statement the patient agreed to (at least ${GALLERY_LIMITS.statementMin} characters)`))
      .max(GALLERY_LIMITS.statement, `may be at most ${GALLERY_LIMITS.statement} characters`),
    scope: z.enum(CONSENT_SCOPES, { message: keyed('gallery.error.consentScope', 'must be public_medired (shown publicly on Medired)') }),
    confirmed: z.preprocess((v) => v === true || v === 'true' || v === '1' || v === 'on', z.literal(true, { message: keyed('gallery.error.consentConfirmed', 'must be true: the patient agreed to this statement') })),
  },
  { message: keyed('gallery.error.consentMissing', 'is required: a before/after pair is published only with the recorded consent of the patient shown') },
);

/** `POST /api/v1/medired/galleries`: a before/after pair of the author's own uploaded images. */
export const galleryEntryInput = z.object({
  treatment: z.string().trim().min(1, keyed('gallery.error.treatment', 'must name the treatment')).max(GALLERY_LIMITS.treatment, `may be at most ${GALLERY_LIMITS.treatment} characters`),
  description: z.string().trim().max(GALLERY_LIMITS.description, `may be at most ${GALLERY_LIMITS.description} characters`).default(''),
  /** An image you uploaded (`POST /api/v2/media`, with its `description`), showing the patient before the treatment. */
  before_media_id: zId,
  /** The image after the treatment. */
  after_media_id: zId,
  consent: consentInput,
});
export type GalleryEntryInput = z.infer<typeof galleryEntryInput>;

/** The patient's withdrawal: the code the clinic handed over at consent time. */
export const withdrawalInput = z.object({ code: z.string().trim().min(1, keyed('gallery.error.code', 'must be the withdrawal code you were given')).max(64, 'may be at most 64 characters') });

export type GallerySide = 'before' | 'after';
