import { describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { renderArticleHtml, renderNoteHtml } from './content-html.js';
import { noteLength, readingTimeMinutes } from './content-rules.js';
import { extractEntities } from './text-entities.js';

const config = { publicUrl: 'https://medired.example' } as Config;
const people = new Map([['ana', 'Ana']]);

describe('plain-text posts', () => {
  it('keeps trailing punctuation and closing parentheses out of links', () => {
    const html = renderNoteHtml('Mira https://ejemplo.org/a. Y (https://ejemplo.org/b) o https://es.wikipedia.org/wiki/Tos_(síntoma)!', config, people);
    expect(html).toContain('href="https://ejemplo.org/a"');
    expect(html).toContain('href="https://ejemplo.org/b"');
    expect(html).toContain('href="https://es.wikipedia.org/wiki/Tos_(síntoma)"');
    expect(html).toContain('</a>. Y (');
  });

  it('does not take e-mail addresses, URL fragments or numbers for mentions and hashtags', () => {
    const { tags, usernames } = extractEntities('escribe a ana@correo.es, ve a https://x.org/#seccion y lee el #1 de #Año2025 con @Ana');
    expect(tags).toEqual(['año2025']);
    expect(usernames).toEqual(['ana']);
    const html = renderNoteHtml('ana@correo.es y @ANA', config, people);
    expect(html).toBe('<p>ana@correo.es y <span class="h-card"><a href="https://medired.example/@Ana" class="u-url mention">@<span>Ana</span></a></span></p>');
  });

  it('makes paragraphs and line breaks and escapes everything else', () => {
    expect(renderNoteHtml('uno\ndos\n\n\ntres & <cuatro>', config, people)).toBe('<p>uno<br />dos</p><p>tres &amp; &lt;cuatro&gt;</p>');
  });

  it('counts URLs as 23 characters and includes the content warning in the length', () => {
    expect(noteLength(`https://example.org/${'x'.repeat(200)}`, '')).toBe(23);
    expect(noteLength('ñandú', 'cw')).toBe(7);
  });
});

describe('articles', () => {
  it('links hashtags and mentions in text but not inside links or code', () => {
    const html = renderArticleHtml('Hola @ana #salud\n\n[#enlace](https://x.org) `#codigo`\n\n```\n@ana #bloque\n```', config, people);
    expect(html).toContain('class="mention hashtag" rel="tag">#<span>salud</span></a>');
    expect(html).toContain('class="u-url mention">@<span>Ana</span></a>');
    expect(html).toContain('<a href="https://x.org" rel="nofollow noopener noreferrer" target="_blank">#enlace</a>');
    expect(html).toContain('<code>#codigo</code>');
    expect(html).toContain('@ana #bloque');
  });

  it('estimates reading time at about 200 words a minute', () => {
    expect(readingTimeMinutes('una')).toBe(1);
    expect(readingTimeMinutes('palabra '.repeat(401))).toBe(3);
  });
});
