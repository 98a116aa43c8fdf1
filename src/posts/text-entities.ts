/**
 * Finding URLs, @mentions and #hashtags in plain text, the way Mastodon does: a mention or
 * hashtag starts at the beginning or after a character that cannot be part of a word, and
 * hashtags may hold letters of any language ("#nutrición") but not only digits.
 */
export type TextToken =
  | { type: 'text'; value: string }
  | { type: 'url'; value: string }
  | { type: 'mention'; value: string; username: string }
  | { type: 'hashtag'; value: string; name: string };

const URL_SOURCE = String.raw`https?:\/\/[^\s<>"'\u00A0]+`;
const MENTION_SOURCE = String.raw`(?<![\p{L}\p{N}_@\/.])@([A-Za-z0-9_]{1,30})(?![\p{L}\p{N}_@])`;
const HASHTAG_SOURCE = String.raw`(?<![\p{L}\p{N}_&\/#])#([\p{L}\p{M}\p{N}_]{1,100})(?![\p{L}\p{M}\p{N}_])`;
const TOKEN_RE = new RegExp(`(${URL_SOURCE})|${MENTION_SOURCE}|${HASHTAG_SOURCE}`, 'gu');

/** Trailing punctuation is not part of a URL ("see https://x.org." ends before the dot). */
function trimUrl(url: string): string {
  let out = url.replace(/[.,;:!?'"]+$/u, '');
  while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) out = out.slice(0, -1);
  return out;
}

/** Splits text into plain runs and entities. */
export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    let value = m[0];
    let token: TextToken;
    if (m[1]) {
      value = trimUrl(value);
      token = { type: 'url', value };
    } else if (m[2]) {
      token = { type: 'mention', value, username: m[2] };
    } else {
      const name = m[3]!;
      if (/^[\p{N}_]+$/u.test(name)) continue;
      token = { type: 'hashtag', value, name };
    }
    if (start > last) tokens.push({ type: 'text', value: text.slice(last, start) });
    tokens.push(token);
    last = start + value.length;
  }
  if (last < text.length) tokens.push({ type: 'text', value: text.slice(last) });
  return tokens;
}

/** The canonical (stored) form of a hashtag: NFC and lower case, so "#Nutrición" = "#nutrición". */
export function normalizeTag(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Distinct hashtags (normalised) and mentioned usernames (lower case) in some text. */
export function extractEntities(text: string): { tags: string[]; usernames: string[] } {
  const tags = new Set<string>();
  const usernames = new Set<string>();
  for (const t of tokenize(text)) {
    if (t.type === 'hashtag' && /^[\p{L}\p{N}_]+$/u.test(normalizeTag(t.name))) tags.add(normalizeTag(t.name));
    if (t.type === 'mention') usernames.add(t.username.toLowerCase());
  }
  return { tags: [...tags], usernames: [...usernames] };
}
