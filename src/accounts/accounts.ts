import { z } from 'zod';
import { keyed } from '../errors.js';
import { zBool } from '../http/schemas.js';
import { organizationTypeCodes, professionCodes, specialtyCodes } from './specialties.js';

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{1,30}$/;
const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, keyed('errors.validation.countryCode', 'must be a two-letter country code (ISO 3166-1)'));
const httpUrl = z.string().trim().max(300).refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), keyed('errors.validation.httpLink', 'must be an http(s) link'));

/** Health profile fields shared by sign-up and profile edits. */
const healthProfile = {
  profession: z.enum(professionCodes, { message: keyed('accounts.profession.unknown', 'is not a known profession') }).optional(),
  specialty: z.enum(specialtyCodes, { message: keyed('accounts.specialty.unknown', 'is not a known specialty') }).optional(),
  license_number: z.string().trim().min(1).max(50).optional(),
  license_country: countryCode.optional(),
  organization_type: z.enum(organizationTypeCodes, { message: keyed('accounts.organizationType.unknown', 'is not a known organisation type') }).optional(),
  city: z.string().trim().max(100).optional(),
  country: countryCode.optional(),
};

/** `POST /api/v1/accounts` (Mastodon's registration) with Medired's account kind and health profile. */
export const registrationInput = z
  .object({
    username: z.string().trim().regex(USERNAME_PATTERN, keyed('accounts.username.invalidChars', 'may only use letters, digits and underscores (up to 30)')),
    email: z.string().trim().toLowerCase().pipe(z.email({ message: keyed('accounts.email.invalid', 'is not a valid e-mail address') })),
    password: z.string(),
    agreement: zBool.refine((v) => v, keyed('accounts.terms.required', 'you must accept the terms of service')),
    locale: z.enum(['es', 'en']).default('es'),
    reason: z.string().max(500).optional(),
    display_name: z.string().trim().max(60).optional(),
    kind: z.enum(['patient', 'professional', 'organization']).default('patient'),
    ...healthProfile,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'professional' && !v.profession) ctx.addIssue({ code: 'custom', path: ['profession'], message: keyed('accounts.profession.required', 'is required for professionals') });
    if (v.kind === 'organization' && !v.organization_type) {
      ctx.addIssue({ code: 'custom', path: ['organization_type'], message: keyed('accounts.organizationType.required', 'is required for organisations') });
    }
    if (v.kind !== 'professional' && (v.profession || v.license_number)) {
      ctx.addIssue({ code: 'custom', path: ['profession'], message: keyed('accounts.profession.onlyProfessionals', 'only professionals have a profession or licence') });
    }
    if (v.kind !== 'organization' && v.organization_type) {
      ctx.addIssue({ code: 'custom', path: ['organization_type'], message: keyed('accounts.organizationType.onlyOrganizations', 'only organisations have an organisation type') });
    }
  });
export type RegistrationInput = z.infer<typeof registrationInput>;

/** `PATCH /api/v1/accounts/update_credentials`. Every field optional; absent fields are unchanged. */
export const profileUpdateInput = z.object({
  display_name: z.string().trim().max(60).optional(),
  note: z.string().max(2000).optional(),
  locked: zBool.optional(),
  bot: zBool.optional(),
  discoverable: zBool.optional(),
  website: httpUrl.optional(),
  fields_attributes: z
    .union([
      z.array(z.object({ name: z.string().trim().max(255), value: z.string().trim().max(255) })),
      z.record(z.string(), z.object({ name: z.string().trim().max(255), value: z.string().trim().max(255) })),
    ])
    .transform((v) => (Array.isArray(v) ? v : Object.values(v)).filter((f) => f.name || f.value))
    .refine((v) => v.length <= 4, keyed('accounts.fields.tooMany', 'at most 4 profile links'))
    .optional(),
  source: z.object({ language: z.enum(['es', 'en']).optional() }).optional(),
  /** Medired: a patient shows their city and country (on the profile, in the API and in place searches). */
  place_public: zBool.optional(),
  avatar: z.instanceof(File).optional(),
  header: z.instanceof(File).optional(),
  ...healthProfile,
});
export type ProfileUpdateInput = z.infer<typeof profileUpdateInput>;
