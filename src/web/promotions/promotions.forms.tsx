import { AppError } from '../../errors.js';
import { issueDetail } from '../../http/errors.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { PROMOTION_RATE_LIMITS } from '../../promotions/promotion-limits.js';
import { createPromotionInput } from '../../promotions/promotions.js';
import { cancelPromotion, createPromotion } from '../../promotions/promotions.service.js';
import type { FieldErrors } from '../components/form-fields.js';
import { detailsToFieldErrors, errorText } from '../errors/error-text.js';
import { field, formFields, idParam } from '../forms.js';
import type { Lang } from '../i18n/i18n.js';
import { PROMOTIONS_PATH } from './promotion-parts.js';
import { newPromotionPage, type PromotionFormValues } from './promotions.pages.js';

const list = (form: Record<string, unknown>, name: string): string[] => {
  const v = form[name];
  const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return values.filter((x): x is string => typeof x === 'string').map((x) => x.slice(0, 100)).slice(0, 50);
};
const splitList = (text: string): string[] => text.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean);

function promotionValues(form: Record<string, unknown>): PromotionFormValues {
  return {
    status_id: field(form, 'status_id').slice(0, 20),
    budget_credits: field(form, 'budget_credits').slice(0, 20),
    starts_at: field(form, 'starts_at').slice(0, 40),
    ends_at: field(form, 'ends_at').slice(0, 40),
    target_specialties: list(form, 'target_specialties'),
    target_countries: list(form, 'target_countries'),
    target_cities: field(form, 'target_cities').slice(0, 900),
    target_tags: field(form, 'target_tags').slice(0, 1100),
  };
}

/** A schema issue's path as the form's field (`target_tags.2` → `target_tags`). */
const formFieldOf = (path: readonly PropertyKey[]) => String(path[0] ?? '_form');

function serviceErrors(lang: Lang, err: AppError): FieldErrors | null {
  if (err.code === 'validation_failed') return detailsToFieldErrors(lang, (err.details ?? []).map((d) => ({ ...d, field: d.field ? d.field.split('.')[0]! : '_form' })), err.code);
  if (['forbidden', 'conflict', 'rate_limited', 'not_found'].includes(err.code)) return { _form: errorText(lang, err) };
  return null;
}
const statusOf = (err: AppError) => (err.code === 'rate_limited' ? 429 : err.code === 'forbidden' ? 403 : err.code === 'conflict' ? 409 : 422);

const create = defineFormRoute({
  path: PROMOTIONS_PATH,
  summary: 'Promote a post from the web: budget, dates and audience; it waits for review',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  rateLimits: PROMOTION_RATE_LIMITS,
  onError: ({ c, raw }, err) => {
    const errors = serviceErrors(c.get('lang'), err);
    return errors ? newPromotionPage(c, c.get('webApp'), { values: promotionValues(raw), errors, status: statusOf(err) }) : undefined;
  },
  handler: async ({ c, app, viewer, body }) => {
    const values = promotionValues(body);
    const parsed = createPromotionInput.safeParse({
      status_id: values.status_id,
      budget_credits: values.budget_credits,
      starts_at: values.starts_at,
      ends_at: values.ends_at,
      target_specialties: values.target_specialties,
      target_countries: values.target_countries,
      target_cities: splitList(values.target_cities ?? ''),
      target_tags: splitList((values.target_tags ?? '').replace(/\s+/g, ',')),
    });
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => ({ ...issueDetail(issue), field: formFieldOf(issue.path) }));
      return newPromotionPage(c, app, { values, errors: detailsToFieldErrors(c.get('lang'), details), status: 422 });
    }
    const promotion = await createPromotion(app, viewer, parsed.data);
    return c.redirect(`${PROMOTIONS_PATH}/${promotion.id}?notice=created`, 303);
  },
});

const cancel = defineFormRoute({
  path: `${PROMOTIONS_PATH}/:id{[0-9]{1,19}}/cancel`,
  summary: 'Stop one of your promotions from the web; the unspent credits come back',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    await cancelPromotion(app, viewer, params.id);
    return c.redirect(`${PROMOTIONS_PATH}/${params.id}?notice=cancelled`, 303);
  },
});

/** The promoter's forms: create and cancel. */
export const promotionFormRoutes: AnyRoute[] = [create, cancel];
