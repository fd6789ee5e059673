// Guidance: browse the sections, search as you type, read articles and the support directory.
// Readable while the vault is locked and with no network: it only reads the active guidance pack.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { articlesOutsideSections, type GuidancePack } from '../../domain/guidance.ts';
import { type GuidanceHit, guidanceSearchFor } from '../../guidance/search.ts';
import { Abbreviated, AbbrScope } from '../../ui/abbr.tsx';
import { routeHref } from '../router.ts';
import { ArticlePage, DirectoryPage, EntryPage } from './GuidancePages.tsx';
import { ArticleLinks, Marked } from './GuidanceParts.tsx';
import { resultCountText } from './guidance-format.ts';
import { articleHref, directoryHref, entryHref, parseGuidanceParam, quickReferenceHref } from './guidance-route.ts';
import { QuickReference } from './QuickReference.tsx';
import { useGuidancePack } from './use-guidance-pack.ts';
import './guidance.css';

export const SEARCH_RESULT_LIMIT = 20;
// Results redraw on every key; only the spoken count waits for a pause, so a screen reader is not flooded.
const ANNOUNCE_AFTER_MS = 400;
// Below this many characters a word may still be half typed: no "no results" message yet.
const MIN_QUERY_CHARS = 3;

const hitHref = (hit: GuidanceHit): string => (hit.kind === 'entry' ? entryHref(hit.id) : articleHref(hit.id));
const hitKey = (hit: GuidanceHit): string => `${hit.kind}:${hit.id}`;

/**
 * The sections to browse, each folded to its title so the whole pack fits a phone screen; the section of
 * the article the user comes back from opens again. Folded titles also keep the screen's links few, so
 * names such as "Settings" in an article title never shadow the navigation.
 */
const Sections = ({ pack, openFor }: { pack: GuidancePack; openFor: string | null }) => {
  const titles = useMemo(() => new Map(pack.articles.map((a) => [a.id, a.title])), [pack]);
  const others = useMemo(() => articlesOutsideSections(pack), [pack]);
  const groups = [
    ...pack.sections,
    ...(others.length > 0 ? [{ id: 'other-topics', title: 'Other topics', articleIds: others }] : []),
  ];
  return (
    <AbbrScope>
      <div class="guidance-sections">
        {groups.map((section) => (
          <details
            key={section.id}
            class="guidance-section"
            open={openFor !== null && section.articleIds.includes(openFor)}
          >
            <summary>
              <h2 id={`guidance-section-${section.id}`}>
                <Abbreviated text={section.title} />
              </h2>
              <span class="muted"> ({section.articleIds.length})</span>
            </summary>
            {'description' in section && section.description && (
              <p class="muted">
                <Abbreviated text={section.description} />
              </p>
            )}
            <ul class="list guidance-links">
              {section.articleIds.map((id) => (
                <li key={id}>
                  <a class="guidance-link" href={articleHref(id)}>
                    <Abbreviated text={titles.get(id) ?? id} />
                  </a>
                </li>
              ))}
            </ul>
          </details>
        ))}
        <section aria-labelledby="guidance-section-directory">
          <h2 id="guidance-section-directory">Support services</h2>
          <p class="muted">Phone numbers and websites of the services to report to or refer a family to.</p>
          <ul class="list guidance-links">
            <li>
              <a class="guidance-link" href={directoryHref()}>
                All support services ({pack.directory.length})
              </a>
            </li>
          </ul>
        </section>
      </div>
    </AbbrScope>
  );
};

const Results = ({ hits }: { hits: GuidanceHit[] }) => (
  <ol class="list guidance-results" aria-labelledby="guidance-results-title">
    {hits.map((hit) => (
      <li key={hitKey(hit)} class="card guidance-result">
        <a class="guidance-result__link" href={hitHref(hit)}>
          <Marked text={hit.title} terms={hit.terms} />
        </a>
        {hit.kind === 'entry' && <p class="guidance-result__kind">Support service</p>}
        <p class="guidance-result__summary">
          <Marked text={hit.summary} terms={hit.terms} />
        </p>
      </li>
    ))}
  </ol>
);

/** Nothing matched: say so, then offer the closest topics and the support directory, never an empty page. */
const NoMatch = ({ pack, query }: { pack: GuidancePack; query: string }) => {
  const { near, links } = useMemo(() => guidanceSearchFor(pack).closest(query), [pack, query]);
  return (
    <section class="card guidance-no-match" aria-labelledby="guidance-closest-title">
      <p>No guidance matches “{query}”. Check the spelling, try another word, or start from these.</p>
      <h2 id="guidance-closest-title">{near ? 'Closest topics' : 'Topics to start from'}</h2>
      <ArticleLinks links={links}>
        <li>
          <a class="guidance-link" href={directoryHref()}>
            Support services: who to call or report to
          </a>
        </li>
      </ArticleLinks>
    </section>
  );
};

type BrowseProps = {
  pack: GuidancePack;
  query: string;
  onQuery: (query: string) => void;
  /** The view (route parameter) the user comes back from, if any: focus returns to its link. */
  cameFrom: string | null;
};

const Browse = ({ pack, query, onQuery, cameFrom }: BrowseProps) => {
  // One index per pack object, built on the first query, not before.
  const search = useMemo(() => guidanceSearchFor(pack), [pack]);
  const trimmed = query.trim();
  // The query as typed: a space after the last word tells the search that word is finished.
  const hits = useMemo(() => search.search(query, { limit: SEARCH_RESULT_LIMIT }), [search, query]);
  const searching = trimmed.length > 0;
  const tooShort = hits.length === 0 && trimmed.length < MIN_QUERY_CHARS;
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const page = useRef<HTMLElement>(null);

  const message = !searching || tooShort ? '' : hits.length > 0 ? resultCountText(hits.length) : 'No results';
  const [announced, setAnnounced] = useState(message);
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(message), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [message]);

  // Runs once, when the page first appears (not on every key): focus goes back to where the user was.
  useEffect(() => {
    if (cameFrom === null) return;
    const href = CSS.escape(routeHref('guidance', cameFrom || undefined));
    const link = page.current?.querySelector<HTMLElement>(`a[href="${href}"]`);
    if (link) link.focus();
    else heading.current?.focus();
  }, []);

  const onSubmit = (event: Event) => {
    // Enter (or the phone's Go key) takes the user to the first result: no submit needed otherwise.
    event.preventDefault();
    list.current?.querySelector<HTMLElement>('.guidance-result__link')?.focus();
  };

  return (
    <section class="guidance" aria-labelledby="guidance-title" ref={page}>
      <h1 id="guidance-title" tabIndex={-1} ref={heading}>
        Guidance
      </h1>
      <p class="muted">Works offline and without unlocking. Type a word or browse the topics below.</p>
      <p class="guidance-quick">
        <a class="button guidance-quick__link" href={quickReferenceHref()}>
          Quick reference
        </a>
        <span class="muted"> When to refer, who to tell, urgent numbers: one screen.</span>
      </p>
      <search class="guidance-search">
        <form onSubmit={onSubmit}>
          <label for="guidance-search">Search guidance</label>
          <p class="hint" id="guidance-search-hint">
            For example: nudes, grooming, sextortion, a colleague, memory stick
          </p>
          <input
            id="guidance-search"
            type="search"
            name="q"
            autocomplete="off"
            aria-describedby="guidance-search-hint"
            value={query}
            onInput={(event) => onQuery(event.currentTarget.value)}
          />
        </form>
      </search>
      <p class="guidance-count" aria-live="polite">
        {announced}
      </p>
      <div ref={list}>
        {searching && hits.length > 0 && (
          <section aria-labelledby="guidance-results-title">
            <h2 id="guidance-results-title" class="visually-hidden">
              Search results
            </h2>
            <Results hits={hits} />
          </section>
        )}
        {searching && hits.length === 0 && tooShort && <p class="muted">Keep typing to search.</p>}
        {searching && hits.length === 0 && !tooShort && <NoMatch pack={pack} query={trimmed} />}
      </div>
      {(!searching || hits.length === 0) && <Sections pack={pack} openFor={cameFrom} />}
      <p class="muted guidance-version">
        Guidance version {pack.version}, published{' '}
        {new Date(pack.publishedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })} by{' '}
        {pack.publisher}.
      </p>
    </section>
  );
};

export const GuidanceScreen = ({ param }: { param?: string | undefined }) => {
  const pack = useGuidancePack();
  const view = parseGuidanceParam(param);
  // Kept here, above the views, so the search and its results are still there after reading an article.
  const [query, setQuery] = useState('');
  const shown = useRef<string | null>(null);
  const key = param ?? '';
  const cameFrom = shown.current !== null && shown.current !== key ? shown.current : null;
  useEffect(() => {
    shown.current = key;
  }, [key]);

  switch (view.view) {
    case 'browse':
      return <Browse pack={pack} query={query} onQuery={setQuery} cameFrom={cameFrom} />;
    case 'article':
      return <ArticlePage key={view.id} pack={pack} id={view.id} />;
    case 'directory':
      return <DirectoryPage pack={pack} />;
    case 'entry':
      return <EntryPage key={view.id} pack={pack} id={view.id} />;
    case 'quick-reference':
      return <QuickReference pack={pack} />;
  }
};
