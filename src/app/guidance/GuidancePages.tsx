// The Guidance reading views: one article, the directory of support services, one service.
// Reads the pack it is given; never fetches, never stores, never needs the vault.
import type { DirectoryEntry, GuidancePack } from '../../domain/guidance.ts';
import { guidanceSearchFor } from '../../guidance/search.ts';
import { Abbreviated, AbbrScope } from '../../ui/abbr.tsx';
import { CopyLink } from './CopyLink.tsx';
import {
  AddedMark,
  ArticleLinks,
  BackLink,
  BodyBlocks,
  EntryContacts,
  SourceList,
  useFocusOnOpen,
} from './GuidanceParts.tsx';
import { articleHref, directoryHref, entryHref } from './guidance-route.ts';

const NotFound = ({ what, focusKey }: { what: string; focusKey: string }) => {
  const heading = useFocusOnOpen<HTMLHeadingElement>(focusKey);
  return (
    <section aria-labelledby="guidance-missing-title">
      <BackLink>All topics</BackLink>
      <h1 id="guidance-missing-title" tabIndex={-1} ref={heading}>
        {what} not found
      </h1>
      <p>
        This guidance may have been removed or renamed in an update. Search for it or browse the topics on the Guidance
        page.
      </p>
    </section>
  );
};

export const ArticlePage = ({ pack, id }: { pack: GuidancePack; id: string }) => {
  const heading = useFocusOnOpen<HTMLHeadingElement>(`article:${id}`);
  const article = pack.articles.find((a) => a.id === id);
  if (!article) return <NotFound what="Guidance" focusKey={`article:${id}`} />;
  const related = guidanceSearchFor(pack).related(article.id);
  return (
    <AbbrScope>
      <article class="guidance-article" aria-labelledby="guidance-article-title">
        <BackLink>All topics</BackLink>
        <h1 id="guidance-article-title" tabIndex={-1} ref={heading}>
          <Abbreviated text={article.title} />
        </h1>
        {article.origin === 'service' && (
          <div class="guidance-added guidance-added--article">
            <AddedMark publisher={pack.publisher} />
            <p>This answer is the service’s advice. The sources listed at the end hold the facts it rests on.</p>
          </div>
        )}
        <section class="guidance-now" aria-labelledby="guidance-now-title">
          <h2 id="guidance-now-title">What to do now</h2>
          <p>
            <Abbreviated text={article.summary} />
          </p>
        </section>
        <BodyBlocks blocks={article.body} idPrefix={`article-${article.id}`} publisher={pack.publisher} />
        <CopyLink href={articleHref(article.id)} />
        {related.length > 0 && (
          <section aria-labelledby="guidance-related-title">
            <h2 id="guidance-related-title">Related guidance</h2>
            <ArticleLinks links={related} />
          </section>
        )}
        <SourceList sources={article.sources} headingId="guidance-article-sources" />
        <BackLink>All topics</BackLink>
      </article>
    </AbbrScope>
  );
};

export const DirectoryPage = ({ pack }: { pack: GuidancePack }) => {
  const heading = useFocusOnOpen<HTMLHeadingElement>('directory');
  return (
    <AbbrScope>
      <section class="guidance-directory" aria-labelledby="guidance-directory-title">
        <BackLink>All topics</BackLink>
        <h1 id="guidance-directory-title" tabIndex={-1} ref={heading}>
          Support services
        </h1>
        <p>
          Where to report, and where to refer or signpost a child or family. Tap a phone number to call it; websites
          open in a new tab.
        </p>
        <ul class="list">
          {pack.directory.map((entry) => (
            <li key={entry.id} class="card guidance-entry">
              <h2>
                <a class="guidance-link" href={entryHref(entry.id)}>
                  <Abbreviated text={entry.name} />
                </a>
              </h2>
              <p>
                <Abbreviated text={entry.summary} />
              </p>
              {entry.audience && <p class="muted">For: {entry.audience}</p>}
              <EntryContacts pack={pack} entry={entry} />
            </li>
          ))}
        </ul>
        <BackLink>All topics</BackLink>
      </section>
    </AbbrScope>
  );
};

// The articles whose text links to this service, in pack order.
const articlesMentioning = (pack: GuidancePack, entry: DirectoryEntry) =>
  pack.articles.filter((a) =>
    a.body.some((block) => {
      const parts =
        block.type === 'paragraph' || block.type === 'callout'
          ? block.content
          : block.type === 'list'
            ? block.items.flat()
            : block.type === 'table'
              ? block.rows.flat(2)
              : [];
      return parts.some((part) => typeof part === 'object' && 'entry' in part && part.entry === entry.id);
    }),
  );

export const EntryPage = ({ pack, id }: { pack: GuidancePack; id: string }) => {
  const heading = useFocusOnOpen<HTMLHeadingElement>(`entry:${id}`);
  const entry = pack.directory.find((e) => e.id === id);
  if (!entry) return <NotFound what="Support service" focusKey={`entry:${id}`} />;
  const mentions = articlesMentioning(pack, entry);
  return (
    <AbbrScope>
      <article class="guidance-article" aria-labelledby="guidance-entry-title">
        <BackLink href={directoryHref()}>All support services</BackLink>
        <h1 id="guidance-entry-title" tabIndex={-1} ref={heading}>
          <Abbreviated text={entry.name} />
        </h1>
        <p class="guidance-lead">
          <Abbreviated text={entry.summary} />
        </p>
        {entry.audience && <p>For: {entry.audience}</p>}
        <section aria-labelledby="guidance-entry-contact">
          <h2 id="guidance-entry-contact">Contact</h2>
          <EntryContacts pack={pack} entry={entry} />
        </section>
        {mentions.length > 0 && (
          <section aria-labelledby="guidance-entry-mentions">
            <h2 id="guidance-entry-mentions">Guidance that mentions this service</h2>
            <ArticleLinks links={mentions} />
          </section>
        )}
        <SourceList sources={entry.sources} headingId="guidance-entry-sources" />
        <BackLink>All topics</BackLink>
      </article>
    </AbbrScope>
  );
};
