import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { factCheckInput } from '../../factchecks/factchecks.js';
import { createFactCheck, rateFactCheck } from '../../factchecks/factchecks.service.js';
import { AppError } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { zBool } from '../../http/schemas.js';
import { readSignedInForm, safeReturnPath } from '../forms.js';
import { parseForm } from './form-errors.js';

function withNotice(path: string, notice: string): string {
  const [base, hash] = path.split('#');
  return `${base}${base!.includes('?') ? '&' : '?'}notice=${notice}${hash ? `#${hash}` : ''}`;
}

/** Form posts of fact-check notes (write and rate), returning to the page they came from. */
export function mountFactCheckForms(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.post('/consultas/fact_checks', async (c) => {
    const { viewer, form } = await readSignedInForm(c);
    const parsed = parseForm(c.get('lang'), factCheckInput, form);
    if (parsed.errors) {
      throw new AppError('validation_failed', Object.entries(parsed.errors).map(([k, v]) => `${k}: ${v}`).join('; '));
    }
    await createFactCheck(app, viewer, parsed.data);
    return c.redirect(withNotice(safeReturnPath(form.return_to, '/consultas'), 'fact_check_created'), 303);
  });

  hono.post('/consultas/fact_checks/:id{[0-9]{1,19}}/rate', async (c) => {
    const { viewer, form } = await readSignedInForm(c);
    const helpful = zBool.safeParse(form.helpful);
    if (!helpful.success) throw new AppError('validation_failed', 'helpful: must be true or false');
    await rateFactCheck(app, viewer, c.req.param('id'), helpful.data);
    return c.redirect(withNotice(safeReturnPath(form.return_to, '/consultas'), 'fact_check_rated'), 303);
  });
}
