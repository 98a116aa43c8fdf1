import type { AppContext } from '../app-context.js';
import { htmlToText } from '../text/markdown.js';
import { renderArticleHtml, renderNoteHtml } from './content-html.js';
import { readingTimeMinutes } from './content-rules.js';
import type { StatusKind } from './posts.table.js';
import { findMentionable } from './status-links.repository.js';
import { extractEntities } from './text-entities.js';

export interface ComposedContent {
  html: string;
  readingTimeMinutes: number | null;
  /** Normalised hashtag names. */
  tags: string[];
  /** Ids of the local accounts mentioned in the text. */
  mentionedIds: string[];
}

/** Renders a post's or article's source to sanitised HTML and finds its hashtags and mentions. */
export async function composeContent(app: AppContext, kind: StatusKind, source: string): Promise<ComposedContent> {
  const { tags, usernames } = extractEntities(source);
  const mentionable = await findMentionable(app.db, usernames);
  if (kind === 'article') {
    // Markdown code spans and link texts are not linked, so an article's entities are the ones
    // that ended up linked in its HTML.
    const html = renderArticleHtml(source, app.config, mentionable.byName);
    const linkedTags = [...html.matchAll(/\/tags\/([^"]+)" class="mention hashtag"/g)].map((m) => decodeURIComponent(m[1]!));
    const linkedNames = [...html.matchAll(/\/@([A-Za-z0-9_]+)" class="u-url mention"/g)].map((m) => m[1]!.toLowerCase());
    return {
      html,
      readingTimeMinutes: readingTimeMinutes(htmlToText(html)),
      tags: tags.filter((tag) => linkedTags.includes(tag)).slice(0, 30),
      mentionedIds: linkedNames.flatMap((name) => (mentionable.ids.has(name) ? [mentionable.ids.get(name)!] : [])),
    };
  }
  return { html: renderNoteHtml(source, app.config, mentionable.byName), readingTimeMinutes: null, tags: tags.slice(0, 30), mentionedIds: [...mentionable.ids.values()] };
}
