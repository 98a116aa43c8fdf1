import type { AppContext } from '../../app-context.js';
import { listAlerts, serializeAlerts, type AlertEntity } from '../../alerts/alerts.service.js';

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

const FEED_SIZE = 50;

/** The alerts the feeds carry: active ones and those that ended in the last 30 days, newest first. */
async function feedAlerts(app: AppContext): Promise<AlertEntity[]> {
  const page = await listAlerts(app, { status: 'all', limit: FEED_SIZE, country: undefined, max_id: undefined });
  return serializeAlerts(app, page.alerts);
}

function region(a: AlertEntity): string {
  return a.region.city ? `${a.region.city} (${a.region.country})` : a.region.country;
}

/** Atom 1.0 (RFC 4287) feed of the health alerts. */
export async function atomFeed(app: AppContext): Promise<string> {
  const base = app.config.publicUrl;
  const alerts = await feedAlerts(app);
  const updated = alerts.reduce((max, a) => (a.edited_at ?? a.created_at) > max ? (a.edited_at ?? a.created_at) : max, alerts[0]?.created_at ?? new Date(0).toISOString());
  const entries = alerts.map(
    (a) => `  <entry>
    <id>${escapeXml(a.url)}</id>
    <title>${escapeXml(a.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(a.url)}"/>
    <published>${a.created_at}</published>
    <updated>${a.edited_at ?? a.created_at}</updated>
    <author><name>${escapeXml(a.account.display_name || a.account.username)}</name><uri>${escapeXml(a.account.url)}</uri></author>
    <category term="${a.severity}"/>
    <summary>${escapeXml(`${region(a)} · ${a.active ? 'until' : 'ended'} ${a.withdrawn_at ?? a.expires_at}`)}</summary>
    <content type="html">${escapeXml(a.content)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
  <id>${escapeXml(`${base}/alertas`)}</id>
  <title>${escapeXml(`${app.config.instanceName} · Alertas sanitarias`)}</title>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/alertas.atom`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${base}/alertas`)}"/>
${entries.join('\n')}
</feed>
`;
}

/** RSS 2.0 feed of the health alerts. */
export async function rssFeed(app: AppContext): Promise<string> {
  const base = app.config.publicUrl;
  const alerts = await feedAlerts(app);
  const items = alerts.map(
    (a) => `    <item>
      <title>${escapeXml(a.title)}</title>
      <link>${escapeXml(a.url)}</link>
      <guid isPermaLink="true">${escapeXml(a.url)}</guid>
      <pubDate>${new Date(a.created_at).toUTCString()}</pubDate>
      <category>${a.severity}</category>
      <author>${escapeXml(`noreply@${new URL(base).hostname} (${a.account.display_name || a.account.username})`)}</author>
      <description>${escapeXml(a.content)}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(`${app.config.instanceName} · Alertas sanitarias`)}</title>
    <link>${escapeXml(`${base}/alertas`)}</link>
    <description>Alertas sanitarias de organizaciones verificadas</description>
    <language>es</language>
    <lastBuildDate>${new Date(alerts[0]?.created_at ?? Date.now()).toUTCString()}</lastBuildDate>
    <atom:link href="${escapeXml(`${base}/alertas.rss`)}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
  </channel>
</rss>
`;
}
