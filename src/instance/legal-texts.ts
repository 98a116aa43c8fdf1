import type { AppContext } from '../app-context.js';
import { escapeHtml } from '../text/markdown.js';
import { instanceRules } from './instance-info.js';

/**
 * The privacy policy and the terms of service, as Mastodon's PrivacyPolicy and TermsOfService
 * entities and the pages `/privacy-policy` and `/terms-of-service`. What they say is what the code
 * does (each claim names the part of Medired that keeps it); change them with the code.
 */

/** The date the current texts came into force (the one version of the terms so far). */
export const LEGAL_TEXTS_DATE = '2026-12-04';

type Lang = 'es' | 'en';

const PRIVACY: Record<Lang, (name: string) => string> = {
  es: (name) =>
    `<h2>Qué guardamos</h2>
<ul>
<li>Tu cuenta: nombre de usuario, correo electrónico e idioma; la contraseña solo como resumen Argon2, nunca en claro.</li>
<li>Lo que publicas y tu perfil, con la visibilidad que elijas (público, sin listar, solo seguidores o mensaje privado).</li>
<li>Los mensajes privados y las descripciones de sus adjuntos se guardan cifrados; solo las personas de la conversación los leen.</li>
<li>Si pides la verificación profesional: tu número de colegiado, el colegio y el documento que aportes, que solo ve el equipo de moderación.</li>
<li>Tus sesiones: la dirección IP y el navegador de cada inicio de sesión, para que puedas revisarlas y cerrarlas.</li>
<li>Qué días usas Medired (solo la fecha), para las cifras de uso y retención que ve el equipo de administración, que no muestran a nadie en particular.</li>
</ul>
<h2>Lo que quitamos</h2>
<p>Las fotos y los vídeos que subes se guardan sin sus metadatos (ubicación GPS, dispositivo, fecha de creación).</p>
<h2>Quién puede ver qué</h2>
<p>Cada publicación la ve quien su visibilidad permite. El equipo de moderación solo actúa con la verificación en dos pasos activada, y cada vez que lee datos privados (un mensaje denunciado, un documento de verificación) queda anotado en un registro de auditoría que no se puede modificar.</p>
<h2>Lo que no hacemos</h2>
<p>${escapeHtml(name)} no vende datos, no muestra publicidad y no carga rastreadores ni recursos de terceros en sus páginas.</p>
<h2>Correos</h2>
<p>Te escribimos para confirmar tu correo, restablecer la contraseña y, si lo mantienes activado, con un resumen diario de notificaciones, que puedes desactivar en Ajustes o desde el propio correo.</p>
<h2>Tus decisiones</h2>
<p>Puedes borrar tus publicaciones, eliminar conversaciones de tu lista, cerrar sesiones, revocar el acceso de aplicaciones y elegir qué notificaciones recibes. Para borrar tu cuenta, escribe a la administración del servidor.</p>`,
  en: (name) =>
    `<h2>What we keep</h2>
<ul>
<li>Your account: username, e-mail address and language; the password only as an Argon2 hash, never in plain text.</li>
<li>What you post and your profile, with the visibility you choose (public, unlisted, followers only or private message).</li>
<li>Private messages and the descriptions of their attachments are stored encrypted; only the people in the conversation read them.</li>
<li>If you ask for professional verification: your licence number, the issuing body and the document you provide, seen only by the moderation team.</li>
<li>Your sessions: the IP address and browser of each sign-in, so that you can review and end them.</li>
<li>Which days you use Medired (the date only), for the usage and retention figures the administrators see, which show no one in particular.</li>
</ul>
<h2>What we remove</h2>
<p>Photos and videos you upload are stored without their metadata (GPS location, device, creation date).</p>
<h2>Who can see what</h2>
<p>Each post is seen by whom its visibility allows. The moderation team acts only with two-factor authentication enabled, and every time it reads private data (a reported message, a verification document) it is written to an audit log that cannot be changed.</p>
<h2>What we do not do</h2>
<p>${escapeHtml(name)} does not sell data, shows no advertising and loads no third-party trackers or resources on its pages.</p>
<h2>E-mail</h2>
<p>We write to confirm your address, to reset your password and, while you keep it on, with a daily summary of notifications, which you can switch off in Settings or from the e-mail itself.</p>
<h2>Your choices</h2>
<p>You can delete your posts, remove conversations from your list, end sessions, revoke applications and choose which notifications you receive. To delete your account, write to the server's administrators.</p>`,
};

const TERMS: Record<Lang, (name: string, rules: string) => string> = {
  es: (name, rules) =>
    `<p>${escapeHtml(name)} es una red social de la salud: profesionales sanitarios verificados, pacientes y organizaciones.</p>
<h2>No es una consulta</h2>
<p>Lo que se publica aquí orienta, pero no sustituye a una consulta con un profesional. Ante una urgencia, llama al 112.</p>
<h2>Verificación</h2>
<p>La insignia de profesional verificado indica que el equipo comprobó la colegiación de esa persona, no que respalde cada cosa que publica.</p>
<h2>Normas</h2>
<ol>${rules}</ol>
<h2>Moderación</h2>
<p>El equipo de moderación puede ocultar, etiquetar o retirar contenidos y limitar o suspender cuentas que incumplan las normas. Cada decisión se te comunica con su motivo y puedes recurrirla una vez.</p>
<h2>Tu contenido</h2>
<p>Eres responsable de lo que publicas. No compartas datos de salud de otras personas sin su permiso.</p>`,
  en: (name, rules) =>
    `<p>${escapeHtml(name)} is a social network for health: verified healthcare professionals, patients and organisations.</p>
<h2>Not a consultation</h2>
<p>What is posted here can guide you but does not replace a consultation with a professional. In an emergency, call 112.</p>
<h2>Verification</h2>
<p>The verified professional badge means the team checked that person's professional licence, not that it endorses everything they post.</p>
<h2>Rules</h2>
<ol>${rules}</ol>
<h2>Moderation</h2>
<p>The moderation team may hide, label or remove content and limit or suspend accounts that break the rules. Each decision is sent to you with its reason, and you may appeal it once.</p>
<h2>Your content</h2>
<p>You are responsible for what you post. Do not share other people's health data without their permission.</p>`,
};

/** Mastodon's PrivacyPolicy entity. */
export function privacyPolicy(app: AppContext, lang: Lang): { updated_at: string; content: string } {
  return { updated_at: `${LEGAL_TEXTS_DATE}T00:00:00.000Z`, content: PRIVACY[lang](app.config.instanceName) };
}

/** Mastodon 4.4's TermsOfService entity (the one version, in force since LEGAL_TEXTS_DATE). */
export async function termsOfService(app: AppContext, lang: Lang): Promise<{ effective_date: string; effective: boolean; content: string; succeeded_by: string | null }> {
  const rules = (await instanceRules(app, lang)).map((r) => `<li>${escapeHtml(r.text)}</li>`).join('');
  return { effective_date: LEGAL_TEXTS_DATE, effective: true, content: TERMS[lang](app.config.instanceName, rules), succeeded_by: null };
}
