import { z } from 'zod';
import { keyed } from '../errors.js';
import { specialtyCodes } from '../accounts/specialties.js';

const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, keyed('errors.validation.countryCode', 'must be a two-letter country code (ISO 3166-1)'));
/** A form's empty file field arrives as an empty File or an empty string: both mean "none". */
const optionalFile = z.preprocess((v) => (v === '' || (v instanceof File && v.size === 0) ? undefined : v), z.instanceof(File, { message: keyed('errors.validation.file', 'must be a file') }).optional());
const optionalSpecialty = z.preprocess((v) => (v === '' ? undefined : v), z.enum(specialtyCodes, { message: keyed('accounts.specialty.unknown', 'is not a known specialty') }).optional());

/** What a professional or organisation sends to request verification (or to resubmit one). */
export const verificationRequestInput = z.object({
  license_number: z.string().trim().min(2, 'is too short').max(50, 'is too long (at most 50 characters)'),
  issuing_body: z.string().trim().min(2, 'is too short').max(200, 'is too long (at most 200 characters)'),
  country: countryCode,
  specialty: optionalSpecialty,
  note: z.string().trim().max(2000, 'is too long (at most 2000 characters)').default(''),
  document: optionalFile,
});
export type VerificationRequestInput = z.infer<typeof verificationRequestInput>;

/** A staff decision that must say why. */
export const decisionReasonInput = z.object({
  reason: z.string().trim().min(3, keyed('moderation.reasonRequired', 'must say why (at least 3 characters)')).max(2000, 'is too long (at most 2000 characters)'),
});

/** Approval may carry a note and may correct the specialty. */
export const approvalInput = z.object({
  reason: z.string().trim().max(2000).default(''),
  specialty: optionalSpecialty,
});
