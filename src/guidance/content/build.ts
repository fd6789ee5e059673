// Small authoring helpers that turn the pack's texts into structured body blocks.
// Authoring only: the pack they build is plain JSON data; no HTML is ever produced here.
import type { Article, Block, DirectoryEntry, Inline, SourceRef } from '../../domain/guidance.ts';

// Mini markup for authors: **strong**, [text](a:article-id), [text](e:entry-id). Anything else is plain text.
const TOKEN = /\*\*(.+?)\*\*|\[([^\]]+)\]\((a|e):([a-z0-9-]+)\)/g;

export const inline = (source: string): Inline[] => {
  const out: Inline[] = [];
  let last = 0;
  for (const m of source.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push(source.slice(last, at));
    if (m[1] !== undefined) out.push({ strong: m[1] });
    else if (m[3] === 'a') out.push({ text: m[2] ?? '', article: m[4] ?? '' });
    else out.push({ text: m[2] ?? '', entry: m[4] ?? '' });
    last = at + m[0].length;
  }
  if (last < source.length) out.push(source.slice(last));
  return out;
};

export const h = (text: string): Block => ({ type: 'heading', text });
export const p = (text: string): Block => ({ type: 'paragraph', content: inline(text) });
export const warn = (text: string): Block => ({ type: 'callout', content: inline(text) });
export const ul = (...items: string[]): Block => ({ type: 'list', ordered: false, items: items.map(inline) });
export const ol = (...items: string[]): Block => ({ type: 'list', ordered: true, items: items.map(inline) });
export const table = (caption: string, header: string[], rows: string[][]): Block => ({
  type: 'table',
  caption,
  header,
  rows: rows.map((row) => row.map(inline)),
});

/** Marks a block as the service's own advice, beyond what the sources say, so an officer can review it. */
export const added = (block: Block): Block => ({ ...block, origin: 'service' });

/** Marks a whole answer as the service's own advice (built from the sources' facts, but not said by them). */
export const addedArticle = (a: Article): Article => ({ ...a, origin: 'service' });

export const kent = (section: string, label: string): SourceRef => ({ document: 'kent-medway', section, label });
export const camden = (section: string, label: string): SourceRef => ({ document: 'camden', section, label });

/** Identity with defaults, so content files stay short and typed. */
export const article = (
  a: Omit<Article, 'tags' | 'synonyms' | 'incidentTypes'> &
    Partial<Pick<Article, 'tags' | 'synonyms' | 'incidentTypes'>>,
): Article => ({ tags: [], synonyms: [], incidentTypes: [], ...a });

export const entry = (
  e: Omit<DirectoryEntry, 'tags' | 'synonyms'> & Partial<Pick<DirectoryEntry, 'tags' | 'synonyms'>>,
): DirectoryEntry => ({ tags: [], synonyms: [], ...e });
