import { z } from 'zod';
import { keyed } from '../errors.js';
import { pageQuery } from '../http/pagination.js';
import { zId } from '../http/schemas.js';
import { POST_MAX_CHARS } from '../posts/limits.js';

/** Input schemas of care requests, for the API and the web forms. */

export const CARE_REQUEST_KINDS = ['appointment', 'service_question', 'administrative'] as const;
export type CareRequestKind = (typeof CARE_REQUEST_KINDS)[number];
export const CARE_REQUEST_STATES = ['new', 'answered', 'closed'] as const;
export type CareRequestState = (typeof CARE_REQUEST_STATES)[number];

export const MAX_SLOTS = 3;
/** How far ahead a preferred slot may be. */
export const MAX_SLOT_DAYS = 180;
/** The request's text becomes a private message: the same length as any message. */
export const CARE_REQUEST_MAX_CHARS = POST_MAX_CHARS;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().trim().regex(HHMM, keyed('careRequests.error.time', 'must be a slot time written HH:MM'));

/** When a slot starts, read as the instance's clock (UTC). */
export const slotStart = (s: { date: string; from: string }) => new Date(`${s.date}T${s.from}:00Z`);

export const timeSlot = z
  .object({
    date: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, keyed('careRequests.error.date', 'must be a date written YYYY-MM-DD'))
      .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), keyed('careRequests.error.dateInvalid', 'must be a real date')),
    from: time,
    to: time,
  })
  .refine((s) => s.from < s.to, { message: keyed('careRequests.error.slotOrder', 'the slot must end after it starts'), path: ['to'] })
  .refine((s) => slotStart(s).getTime() > Date.now(), { message: keyed('careRequests.error.slotPast', 'the slot must be in the future'), path: ['date'] })
  .refine((s) => slotStart(s).getTime() < Date.now() + MAX_SLOT_DAYS * 86_400_000, {
    message: keyed('careRequests.error.slotTooFar', `must be within ${MAX_SLOT_DAYS} days`),
    path: ['date'],
    params: { days: MAX_SLOT_DAYS },
  });
export type TimeSlot = z.infer<typeof timeSlot>;

const text = z.string().trim().min(1).max(CARE_REQUEST_MAX_CHARS);

/** `POST /api/v1/medired/care_requests`. Slots only for appointments. */
export const createCareRequestInput = z
  .object({
    account_id: zId,
    kind: z.enum(CARE_REQUEST_KINDS, { message: keyed('careRequests.error.kind', 'must be appointment, service_question or administrative') }),
    slots: z.array(timeSlot).max(MAX_SLOTS, keyed('careRequests.error.tooManySlots', `may have at most ${MAX_SLOTS} preferred slots`)).default([]),
    text,
  })
  .refine((r) => r.kind === 'appointment' || r.slots.length === 0, { message: keyed('careRequests.error.slotsOnlyAppointments', 'only appointment requests have preferred slots'), path: ['slots'] });
export type CreateCareRequestInput = z.infer<typeof createCareRequestInput>;

/** `POST /api/v1/medired/care_requests/:id/answer`: a message into the request's conversation. */
export const answerCareRequestInput = z.object({ text });

export const careRequestListQuery = pageQuery(20, 40).extend({
  state: z.enum(CARE_REQUEST_STATES, { message: keyed('careRequests.error.state', 'must be new, answered or closed') }).optional(),
});
export type CareRequestListQuery = z.infer<typeof careRequestListQuery>;
