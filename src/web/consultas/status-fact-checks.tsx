import type { AppContext } from '../../app-context.js';
import type { Viewer } from '../../auth/viewer.js';
import { loadActor } from '../../consultas/consulta-access.js';
import { isVerifiedProfessional } from '../../consultas/consultas.policy.js';
import { factChecksForMany } from '../../factchecks/factchecks.service.js';
import type { Lang } from '../i18n/i18n.js';
import { staticUrl } from '../static.js';
import { FactCheckForm, FactCheckNotes } from './consulta-parts.js';

/**
 * Fact-check notes under a status the page already showed to the viewer: the public notes, the
 * pending ones for verified professionals (with rate buttons), and the form to add one. An async
 * component so a status page includes it with one line.
 */
export async function StatusFactChecks({ app, statusId, authorId, viewer, lang, returnTo }: { app: AppContext; statusId: string; authorId: string; viewer: Viewer | null; lang: Lang; returnTo: string }) {
  const notes = await factChecksForMany(app, viewer, 'status', [statusId]);
  const reviewer = viewer && !viewer.mfaPending ? isVerifiedProfessional(await loadActor(app.db, viewer.accountId)) : false;
  if (notes.length === 0 && !reviewer) return null;
  return (
    <div class="status-fact-checks">
      <link rel="stylesheet" href={staticUrl('consultas.css')} />
      <FactCheckNotes notes={notes} lang={lang} viewer={viewer} canRate={reviewer} returnTo={returnTo} />
      {reviewer && viewer && viewer.accountId !== authorId ? <FactCheckForm targetType="status" targetId={statusId} viewer={viewer} lang={lang} returnTo={returnTo} /> : null}
    </div>
  );
}
