import { isCountryCode, isLanguageCode } from '../text/region-codes.js';
import { z } from 'zod';
import { organizationTypeCodes, professionCodes, specialtyCodes } from '../accounts/specialties.js';
import { keyed } from '../errors.js';
import { zBool } from '../http/schemas.js';

/**
 * The directory of health accounts: its filters and orders, the same for the web page
 * (`/directory?specialty=cardiology&city=Sevilla`) and the API (`GET /api/v1/directory` with
 * `medired[specialty]=cardiology&medired[city]=Sevilla`).
 */

/** Orders of the health directory; `active` and `new` are Mastodon's. */
export const DIRECTORY_ORDERS = ['influence', 'followers', 'helpful', 'response', 'new', 'active'] as const;
export type DirectoryOrder = (typeof DIRECTORY_ORDERS)[number];

export const DIRECTORY_ROLES = ['all', 'professional', 'organization'] as const;
export type DirectoryRole = (typeof DIRECTORY_ROLES)[number];

/** The filters (all optional). */
export const directoryFilters = z.object({
  role: z.enum(DIRECTORY_ROLES, { message: keyed('directory.role.invalid', 'must be all, professional or organization') }).optional(),
  profession: z.enum(professionCodes, { message: keyed('accounts.profession.unknown', 'is not a known profession') }).optional(),
  specialty: z.enum(specialtyCodes, { message: keyed('accounts.specialty.unknown', 'is not a known specialty') }).optional(),
  organization_type: z.enum(organizationTypeCodes, { message: keyed('accounts.organizationType.unknown', 'is not a known organisation type') }).optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, keyed('errors.validation.countryCode', 'must be a two-letter country code (ISO 3166-1)'))
    .refine(isCountryCode, keyed('errors.validation.countryCode', 'must be a two-letter country code (ISO 3166-1)'))
    .optional(),
  city: z.string().trim().max(100).optional(),
  verified: zBool.optional(),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, keyed('directory.language.invalid', 'must be a language code such as es or en'))
    .refine(isLanguageCode, keyed('directory.language.invalid', 'must be a language code such as es or en'))
    .optional(),
  accepts_requests: zBool.optional(),
  q: z.string().trim().max(200).optional(),
  order: z.enum(DIRECTORY_ORDERS, { message: keyed('directory.order.invalid', 'must be influence, followers, helpful, response, new or active') }).optional(),
});
export type DirectoryFilters = z.infer<typeof directoryFilters>;

/** The filter names that narrow the list (all but the order). */
export const FILTER_NAMES = ['role', 'profession', 'specialty', 'organization_type', 'country', 'city', 'verified', 'language', 'accepts_requests', 'q'] as const;

/** True when any filter narrows the list (an empty text or `role=all` does not). */
export function isFiltered(f: DirectoryFilters): boolean {
  return Boolean(f.profession || f.specialty || f.organization_type || f.country || f.city || f.verified || f.language || f.accepts_requests || f.q || (f.role && f.role !== 'all'));
}

/**
 * Reads filters from a web page's query: values that are not valid are left out (the page shows
 * what is valid; a select can only send codes, so only hand-edited URLs lose anything).
 */
export function readDirectoryFilters(raw: Record<string, unknown>): DirectoryFilters {
  const picked = Object.fromEntries(Object.entries(raw).filter(([key, value]) => (key === 'order' || (FILTER_NAMES as readonly string[]).includes(key)) && typeof value === 'string' && value !== ''));
  for (let attempt = 0; attempt < 12; attempt++) {
    const parsed = directoryFilters.safeParse(picked);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) delete picked[String(issue.path[0])];
  }
  return {};
}

/** The stored standing figures a directory entry shows (null until computed). */
export interface DirectoryStats {
  influence: number | null;
  helpfulAnswers: number;
  /** Mean of the account's median response times (answers, care requests, complaints), seconds. */
  responseSeconds: number | null;
  acceptsRequests: boolean;
}
