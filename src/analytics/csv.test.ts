import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';
import { countsAsView, isLikelyBot } from './analytics.policy.js';

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+34 600 000 000')).toBe("'+34 600 000 000");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe('"\'\t=cmd"');
    expect(csvCell('  =cmd')).toBe("'  =cmd");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('quotes separators, quotes and line breaks, and writes numbers as numbers', () => {
    expect(csvCell('uno, dos')).toBe('"uno, dos"');
    expect(csvCell('uno; dos')).toBe('"uno; dos"');
    expect(csvCell('dice "hola"')).toBe('"dice ""hola"""');
    expect(csvCell('línea\r\notra')).toBe('"línea\notra"');
    expect(csvCell('Cardiología')).toBe('Cardiología');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.125)).toBe('0.125');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(toCsv(['day', 'views'], [['2026-12-01', 3]])).toBe('day,views\r\n2026-12-01,3\r\n');
  });
});

describe('what counts as a view', () => {
  it('takes browsers and apps for people, and crawlers, previews, scripts and headless browsers for programs', () => {
    for (const ua of ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Tusky/26.2 Android/14', 'Mastodon/2024.11 CFNetwork/1568 Darwin/24.1.0']) {
      expect(isLikelyBot(ua), ua).toBe(false);
    }
    for (const ua of ['', 'Googlebot/2.1 (+http://www.google.com/bot.html)', 'Mozilla/5.0 (compatible; bingbot/2.0)', 'facebookexternalhit/1.1', 'WhatsApp/2.23', 'TelegramBot (like TwitterBot)', 'Slackbot-LinkExpanding 1.0', 'curl/8.5.0', 'Wget/1.21', 'python-requests/2.32', 'Go-http-client/2.0', 'axios/1.7', 'node-fetch/1.0', 'Mozilla/5.0 HeadlessChrome/131.0', 'http.rb/5.2 (Mastodon/4.3; +https://mastodon.example/)', 'Feedly/1.0']) {
      expect(isLikelyBot(ua), ua).toBe(true);
    }
  });

  it('leaves out the author, patients, messages and prefetches', () => {
    const base = { viewerAccountId: '2', authorId: '1', authorKind: 'professional' as const, isMessage: false, userAgent: 'Mozilla/5.0 Firefox/133.0', prefetch: false };
    expect(countsAsView(base)).toBe(true);
    expect(countsAsView({ ...base, viewerAccountId: null })).toBe(true);
    expect(countsAsView({ ...base, viewerAccountId: '1' })).toBe(false);
    expect(countsAsView({ ...base, authorKind: 'patient' })).toBe(false);
    expect(countsAsView({ ...base, authorKind: 'organization' })).toBe(true);
    expect(countsAsView({ ...base, isMessage: true })).toBe(false);
    expect(countsAsView({ ...base, prefetch: true })).toBe(false);
  });
});
