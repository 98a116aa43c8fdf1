import { ARTICLE_MAX_CHARS, MAX_MEDIA_PER_POST, POST_MAX_CHARS } from './limits.js';
import { invalid } from '../errors.js';
import type { StatusKind } from './posts.table.js';
import { tokenize } from './text-entities.js';

/** Mastodon counts every URL as 23 characters, whatever its length. */
const URL_WEIGHT = 23;

/** Length of a short post as Mastodon counts it (code points; URLs as 23). */
export function noteLength(text: string, spoiler: string): number {
  const body = tokenize(text).reduce((n, t) => n + (t.type === 'url' ? URL_WEIGHT : [...t.value].length), 0);
  return body + [...spoiler].length;
}

/** Words per minute used for an article's reading time. */
const WORDS_PER_MINUTE = 200;

export function readingTimeMinutes(plainText: string): number {
  const words = plainText.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}

export interface ContentToCheck {
  kind: StatusKind;
  text: string;
  spoilerText: string;
  title: string;
  mediaCount: number;
}

/** The limits the instance advertises, with a clear 422 for each. */
export function checkContent(c: ContentToCheck): void {
  if (c.mediaCount > MAX_MEDIA_PER_POST) throw invalid(`A post may have at most ${MAX_MEDIA_PER_POST} media attachments`, 'media_ids', 'posts.tooManyMedia', { max: MAX_MEDIA_PER_POST });
  if (c.kind === 'article') {
    if (!c.title) throw invalid('An article needs a title', 'title', 'posts.articleTitle');
    if (!c.text.trim()) throw invalid('An article needs a body', 'status', 'posts.articleBody');
    if ([...c.text].length > ARTICLE_MAX_CHARS) throw invalid(`An article may be at most ${ARTICLE_MAX_CHARS} characters long`, 'status', 'posts.articleTooLong', { max: ARTICLE_MAX_CHARS });
    return;
  }
  if (c.title) throw invalid('Only articles have a title (send kind=article)', 'title', 'posts.titleOnlyArticles');
  if (!c.text.trim() && c.mediaCount === 0) throw invalid("Text can't be blank unless media is attached", 'status', 'posts.blank');
  if (noteLength(c.text, c.spoilerText) > POST_MAX_CHARS) throw invalid(`Text is too long (maximum is ${POST_MAX_CHARS} characters)`, 'status', 'posts.tooLong', { max: POST_MAX_CHARS });
}
