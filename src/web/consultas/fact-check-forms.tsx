import { factCheckInput } from '../../factchecks/factchecks.js';
import { createFactCheck, rateFactCheck } from '../../factchecks/factchecks.service.js';
import { AppError } from '../../errors.js';
import { FACT_CHECK_RATE_LIMITS } from '../../factchecks/factcheck-limits.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { zBool } from '../../http/schemas.js';
import { formFields, idParam, safeReturnPath } from '../forms.js';
import { parseForm } from './form-errors.js';

function withNotice(path: string, notice: string): string {
  const [base, hash] = path.split('#');
  return `${base}${base!.includes('?') ? '&' : '?'}notice=${notice}${hash ? `#${hash}` : ''}`;
}

/** Rate a fact-check note as helpful or not */
const rateFactCheckForm = defineFormRoute({
  path: '/consultas/fact_checks/:id{[0-9]{1,19}}/rate',
  summary: 'Rate a fact-check note as helpful or not',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const helpful = zBool.safeParse(form.helpful);
    if (!helpful.success) throw new AppError('validation_failed', 'helpful: must be true or false');
    await rateFactCheck(app, viewer, params.id, helpful.data);
    return c.redirect(withNotice(safeReturnPath(form.return_to, '/consultas'), 'fact_check_rated'), 303);
  },
});

/** Write a fact-check note on a post or answer */
const writeFactCheck = defineFormRoute({
  path: '/consultas/fact_checks',
  summary: 'Write a fact-check note on a post or answer',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  rateLimits: FACT_CHECK_RATE_LIMITS,
  handler: async ({ c, app, viewer, body: form }) => {
    const parsed = parseForm(c.get('lang'), factCheckInput, form);
    if (parsed.errors) {
      throw new AppError('validation_failed', Object.entries(parsed.errors).map(([k, v]) => `${k}: ${v}`).join('; '));
    }
    await createFactCheck(app, viewer, parsed.data);
    return c.redirect(withNotice(safeReturnPath(form.return_to, '/consultas'), 'fact_check_created'), 303);
  },
});

/** Form posts of fact-check notes (write and rate), returning to the page they came from. */
export const factCheckFormRoutes: AnyRoute[] = [writeFactCheck, rateFactCheckForm];
