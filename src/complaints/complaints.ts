import { z } from 'zod';
import { pageQuery } from '../http/pagination.js';
import { zBool, zId } from '../http/schemas.js';

/** Input of the complaint endpoints (API and web forms parse the same schemas). */

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const confirm = z.preprocess(blankToUndefined, zBool.optional());

/** `POST /api/v1/medired/complaints`: a complaint about a professional or an organisation. */
export const complaintInput = z.object({
  account_id: zId,
  subject: z.string().trim().min(5, 'must have at least 5 characters').max(140, 'must have at most 140 characters'),
  text: z.string().trim().min(20, 'must have at least 20 characters').max(5000, 'must have at most 5000 characters'),
  visibility: z.enum(['public', 'private'], { message: 'must be public or private' }),
  /** A public complaint naming a phone, e-mail or ID number is published only once this is true. */
  confirm_personal_data: confirm,
});
export type ComplaintInput = z.infer<typeof complaintInput>;

/** `POST /api/v1/medired/complaints/:id/entries`: an answer in the thread. */
export const complaintEntryInput = z.object({
  text: z.string().trim().min(2, 'must have at least 2 characters').max(5000, 'must have at most 5000 characters'),
  confirm_personal_data: confirm,
});
export type ComplaintEntryInput = z.infer<typeof complaintEntryInput>;

/** Moderators remove or close a complaint with a reason the parties read. */
export const complaintReasonInput = z.object({
  reason: z.string().trim().min(5, 'must have at least 5 characters').max(1000, 'must have at most 1000 characters'),
});
export type ComplaintReasonInput = z.infer<typeof complaintReasonInput>;

export const complaintPageQuery = pageQuery(20, 40);
export type ComplaintPageQuery = z.infer<typeof complaintPageQuery>;
