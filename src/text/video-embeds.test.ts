import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { videoEmbedOf, videoEmbedsIn } from './video-embeds.js';

describe('recognising YouTube and Vimeo links by their URL alone', () => {
  it('knows watch, youtu.be, shorts and vimeo.com/<id> links, and plays them from the privacy-preserving players', () => {
    for (const href of ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ', 'https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42', 'https://youtu.be/dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ?si=abc', 'https://www.youtube.com/shorts/dQw4w9WgXcQ']) {
      expect(videoEmbedOf(href), href).toEqual({ provider: 'youtube', videoId: 'dQw4w9WgXcQ', watchUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', embedUrl: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&dnt=1' });
    }
    expect(videoEmbedOf('https://vimeo.com/76979871')).toEqual({ provider: 'vimeo', videoId: '76979871', watchUrl: 'https://vimeo.com/76979871', embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1&autoplay=1' });
  });

  it('ignores everything else: other pages of those sites, look-alike hosts, odd ids and schemes', () => {
    for (const href of [
      'https://www.youtube.com/channel/UC123',
      'https://www.youtube.com/watch?v=short',
      'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
      'https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ',
      'javascript:alert(1)//youtu.be/dQw4w9WgXcQ',
      'https://user:pass@youtu.be/dQw4w9WgXcQ',
      'https://vimeo.com/channels/staffpicks',
      'https://vimeo.com/76979871/extra/path',
      'not a url',
    ]) {
      expect(videoEmbedOf(href), href).toBeNull();
    }
  });

  it('finds at most two videos in a post, each once, in order', () => {
    const html =
      '<p><a href="https://vimeo.com/1">a</a> <a href="https://youtu.be/dQw4w9WgXcQ">b</a> <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=1">c</a> <a href="https://youtu.be/aaaaaaaaaaa">d</a></p>';
    expect(videoEmbedsIn(html).map((e) => `${e.provider}:${e.videoId}`)).toEqual(['vimeo:1', 'youtube:dQw4w9WgXcQ']);
  });
});

describe('a post with a video link on its page', () => {
  let t: TestApp;
  let me: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    await t.createUser();
    me = await t.createUser();
    // Links are for accounts older than a day.
    await t.ctx.db.updateTable('accounts').set({ created_at: new Date(Date.now() - 3 * 86_400_000) }).where('id', '=', me.accountId).execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a click-to-load placeholder: no iframe, script or thumbnail from YouTube or Vimeo until the click', async () => {
    const res = await t.request('POST', '/api/v1/statuses', { token: me.token, json: { status: 'Cómo medir la tensión: https://www.youtube.com/watch?v=dQw4w9WgXcQ y en Vimeo https://vimeo.com/76979871' } });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const page = await t.request('GET', `/@${me.username}/${id}`);
    const html = await page.text();
    expect(html).toContain('Vídeo de YouTube');
    expect(html).toContain('Vídeo de Vimeo');
    expect(html).toContain('data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0&amp;dnt=1"');
    expect(html).toContain('data-embed-src="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1"');
    // Without the click, nothing of the providers is loaded: no frame, no thumbnail, no script.
    expect(html).not.toContain('<iframe');
    expect(html).not.toMatch(/<img[^>]+(ytimg|youtube|vimeocdn|vimeo)/);
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    // Without JavaScript the placeholder is a plain link to the video.
    expect(html).toMatch(/<a class="video-embed-placeholder" href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"/);
    // The page's policy allows frames from exactly the two players, nothing else.
    const csp = page.headers.get('content-security-policy')!;
    const frameSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('frame-src'));
    expect(frameSrc).toBe('frame-src https://www.youtube-nocookie.com https://player.vimeo.com');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The iframe is made by the app's own script, only on a click, only for those two players.
    const script = readFileSync(new URL('../web/static/app.js', import.meta.url), 'utf8');
    expect(script).toContain("document.addEventListener('click'");
    expect(script).toContain("createElement('iframe')");
    expect(script).toMatch(/youtube-nocookie\\\.com\\\/embed/);
  });

  it('every page carries the same frame-src, and nothing embeds an ordinary link', async () => {
    const res = await t.request('POST', '/api/v1/statuses', { token: me.token, json: { status: 'Canal: https://www.youtube.com/channel/UC123' } });
    const { id } = (await res.json()) as { id: string };
    const page = await t.request('GET', `/@${me.username}/${id}`);
    expect(await page.text()).not.toContain('video-embed');
    const home = await t.request('GET', '/');
    expect(home.headers.get('content-security-policy')).toContain('frame-src https://www.youtube-nocookie.com https://player.vimeo.com;');
  });
});
