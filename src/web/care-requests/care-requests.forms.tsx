import { z } from 'zod';
import type { Viewer } from '../../auth/viewer.js';
import { CARE_REQUEST_RATE_LIMITS } from '../../care-requests/care-request-limits.js';
import { createCareRequestInput, MAX_SLOTS } from '../../care-requests/care-requests.js';
import { answerCareRequest, closeCareRequest, createCareRequest } from '../../care-requests/care-requests.service.js';
import { AppError } from '../../errors.js';
import { issueDetail } from '../../http/errors.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import type { FieldErrors } from '../components/form-fields.js';
import { detailsToFieldErrors, errorText } from '../errors/error-text.js';
import { field, formFields, idParam } from '../forms.js';
import type { Lang } from '../i18n/i18n.js';
import { CARE_REQUESTS_PATH } from './care-request-parts.js';
import { detailPage, newRequestPage, type RequestFormValues } from './care-requests.pages.js';

function requestValues(form: Record<string, unknown>): RequestFormValues {
  return {
    kind: field(form, 'kind').slice(0, 40),
    text: field(form, 'text').slice(0, 5000),
    slots: Array.from({ length: MAX_SLOTS }, (_, i) => ({
      date: field(form, `slot_${i}_date`).slice(0, 20),
      from: field(form, `slot_${i}_from`).slice(0, 10),
      to: field(form, `slot_${i}_to`).slice(0, 10),
    })),
  };
}

/** A schema issue's path as the form's field (`slots.1.date` → the row it came from). */
function formFieldOf(path: (string | number | symbol)[], slotRows: number[]): string {
  const [first, index, part] = path.map(String);
  if (first === 'slots' && index !== undefined) return part ? `slot_${slotRows[Number(index)] ?? 0}_${part}` : 'slots';
  if (first === 'account_id') return '_form';
  return first ?? '_form';
}

/** Service refusals shown on the form rather than an error page. */
function serviceErrors(lang: Lang, err: AppError): FieldErrors | null {
  if (err.code === 'validation_failed') return detailsToFieldErrors(lang, err.details ?? [], err.code);
  if (['forbidden', 'conflict', 'rate_limited'].includes(err.code)) return { _form: errorText(lang, err) };
  return null;
}

const statusOf = (err: AppError) => (err.code === 'rate_limited' ? 429 : err.code === 'forbidden' ? 403 : err.code === 'conflict' ? 409 : 422);

const create = defineFormRoute({
  path: CARE_REQUESTS_PATH,
  summary: 'Send a care request to a professional or organisation from the web',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  rateLimits: CARE_REQUEST_RATE_LIMITS,
  onError: ({ c, raw }, err) => {
    const errors = serviceErrors(c.get('lang'), err);
    return errors ? newRequestPage(c, c.get('webApp'), { acct: field(raw, 'to'), values: requestValues(raw), errors, status: statusOf(err) }) : undefined;
  },
  handler: async ({ c, app, viewer, body }) => {
    const lang = c.get('lang');
    const values = requestValues(body);
    const slotRows: number[] = [];
    const slots = (values.slots ?? []).flatMap((s, i) => {
      if (!s.date && !s.from && !s.to) return [];
      slotRows.push(i);
      return [s];
    });
    const parsed = createCareRequestInput.safeParse({ account_id: field(body, 'account_id'), kind: values.kind, text: values.text, slots: values.kind === 'appointment' ? slots : [] });
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => ({ ...issueDetail(issue), field: formFieldOf(issue.path, slotRows) }));
      return newRequestPage(c, app, { acct: field(body, 'to'), values, errors: detailsToFieldErrors(lang, details), status: 422 });
    }
    const request = await createCareRequest(app, viewer, parsed.data);
    return c.redirect(`${CARE_REQUESTS_PATH}/${request.id}?notice=sent`, 303);
  },
});

const answer = defineFormRoute({
  path: `${CARE_REQUESTS_PATH}/:id{[0-9]{1,19}}/answer`,
  summary: 'Answer a care request from the inbox (a message into its conversation)',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: z.object({ text: z.unknown().optional() }),
  onError: ({ c, raw, params }, err) => {
    const errors = serviceErrors(c.get('lang'), err);
    const id = (params as { id?: string } | undefined)?.id;
    return errors && id && err.code !== 'not_found' ? detailPage(c, c.get('webApp'), id, { values: { text: field(raw, 'text') }, errors, status: statusOf(err) }) : undefined;
  },
  handler: async ({ c, app, viewer, params, body }) => {
    const text = typeof body.text === 'string' ? body.text : '';
    const parsed = z.object({ text: z.string().trim().min(1).max(5000) }).safeParse({ text });
    if (!parsed.success) {
      return detailPage(c, app, params.id, { values: { text }, errors: detailsToFieldErrors(c.get('lang'), parsed.error.issues.map((i) => ({ ...issueDetail(i), field: 'text' }))), status: 422 });
    }
    await answerCareRequest(app, viewer, params.id, parsed.data.text);
    return c.redirect(`${CARE_REQUESTS_PATH}/${params.id}?notice=answered`, 303);
  },
});

const close = defineFormRoute({
  path: `${CARE_REQUESTS_PATH}/:id{[0-9]{1,19}}/close`,
  summary: 'Close a care request from the web (either party)',
  auth: 'user',
  scope: 'write:conversations',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    await closeCareRequest(app, viewer as Viewer, params.id);
    return c.redirect(`${CARE_REQUESTS_PATH}/${params.id}?notice=closed`, 303);
  },
});

/** The care request forms: send, answer, close. */
export const careRequestFormRoutes: AnyRoute[] = [create, answer, close];
