// The pieces every Guidance view draws with: marked text, inline content, body blocks, sources,
// contacts and the heading that takes focus. Renders pack data as text nodes only, never as HTML.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Block, Contact, DirectoryEntry, GuidancePack, Inline, SourceRef } from '../../domain/guidance.ts';
import { contactRoute, LOCAL_ROLE_LABELS, localContactList } from '../../guidance/contact-route.ts';
import { markMatches } from '../../guidance/search.ts';
import { Abbreviated, AbbrScope } from '../../ui/abbr.tsx';
import { addedByText, CONTACT_KIND_LABELS, contactLink, sourceText } from './guidance-format.ts';
import { articleHref, browseHref, entryHref } from './guidance-route.ts';

/** A text with the words a search matched wrapped in <mark>. */
export const Marked = ({ text, terms }: { text: string; terms: readonly string[] }) => (
  <>
    {markMatches(text, terms).map((segment, i) =>
      // Segments never change order for one text, so their position is a stable key.
      segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
    )}
  </>
);

const InlinePart = ({ part }: { part: Inline }) => {
  if (typeof part === 'string') return <Abbreviated text={part} />;
  if ('strong' in part)
    return (
      <strong>
        <Abbreviated text={part.strong} />
      </strong>
    );
  if ('article' in part)
    return (
      <a href={articleHref(part.article)}>
        <Abbreviated text={part.text} />
      </a>
    );
  return (
    <a href={entryHref(part.entry)}>
      <Abbreviated text={part.text} />
    </a>
  );
};

export const InlineContent = ({ content }: { content: readonly Inline[] }) => (
  <>
    {content.map((part, i) => (
      <InlinePart key={i} part={part} />
    ))}
  </>
);

const TableBlock = ({ block, id }: { block: Extract<Block, { type: 'table' }>; id: string }) => (
  // A wide table scrolls inside its own region at 360 px; the region is focusable so the keyboard can scroll it.
  // The caption is drawn above the region (a real <caption> would be as wide as the table and scroll away);
  // the <caption> itself stays for assistive technology, which names the table and the region with it.
  <>
    <p class="guidance-table-title" aria-hidden="true">
      {block.caption}
    </p>
    {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
    <section class="table-scroll" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id} class="visually-hidden">
          {block.caption}
        </caption>
        <thead>
          <tr>
            {block.header.map((cell, i) => (
              <th key={i} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <th key={c} scope="row">
                    <InlineContent content={cell} />
                  </th>
                ) : (
                  <td key={c}>
                    <InlineContent content={cell} />
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  </>
);

const BlockView = ({ block, id }: { block: Block; id: string }) => {
  switch (block.type) {
    case 'heading':
      return (
        <h2>
          <Abbreviated text={block.text} />
        </h2>
      );
    case 'paragraph':
      return (
        <p>
          <InlineContent content={block.content} />
        </p>
      );
    case 'callout':
      return (
        <div class="warning guidance-callout">
          <p>
            <strong class="guidance-callout__label">Important: </strong>
            <InlineContent content={block.content} />
          </p>
        </div>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <InlineContent content={item} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return <TableBlock block={block} id={id} />;
  }
};

/** The mark on advice the service adds beyond the source documents, so an officer can find and review it. */
export const AddedMark = ({ publisher }: { publisher: string }) => (
  <p class="guidance-added__label">{addedByText(publisher)}</p>
);

/**
 * An article's body; `idPrefix` keeps the ids of table captions unique on the page. Blocks the service added
 * beyond the sources carry a visible mark naming who added them.
 */
export const BodyBlocks = ({
  blocks,
  idPrefix,
  publisher,
}: {
  blocks: readonly Block[];
  idPrefix: string;
  publisher: string;
}) => (
  <AbbrScope>
    <div class="guidance-body">
      {blocks.map((block, i) =>
        block.origin === 'service' ? (
          <div key={i} class="guidance-added">
            <AddedMark publisher={publisher} />
            <BlockView block={block} id={`${idPrefix}-block-${i}`} />
          </div>
        ) : (
          <BlockView key={i} block={block} id={`${idPrefix}-block-${i}`} />
        ),
      )}
    </div>
  </AbbrScope>
);

export const SourceList = ({ sources, headingId }: { sources: readonly SourceRef[]; headingId: string }) => (
  <section class="guidance-sources" aria-labelledby={headingId}>
    <h2 id={headingId}>{sources.length === 1 ? 'Source' : 'Sources'}</h2>
    <ul>
      {sources.map((source) => {
        const text = sourceText(source);
        return (
          <li key={text}>
            <Abbreviated text={text} />
          </li>
        );
      })}
    </ul>
  </section>
);

const ContactValue = ({ contact }: { contact: Contact }) => {
  const link = contactLink(contact);
  if (!link) return <span class="guidance-contact__value">{contact.value}</span>;
  if (!link.external)
    return (
      <a class="guidance-contact__value" href={link.href}>
        {contact.value}
      </a>
    );
  return (
    <a class="guidance-contact__value" href={link.href} target="_blank" rel="noopener noreferrer">
      {contact.value}
      <span class="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
};

export const ContactList = ({ contacts }: { contacts: readonly Contact[] }) =>
  contacts.length === 0 ? (
    <p class="muted">No direct contact details: reach them through the route the guidance describes.</p>
  ) : (
    <ul class="list guidance-contacts">
      {contacts.map((contact) => (
        <li key={`${contact.kind}:${contact.value}`} class="guidance-contact">
          <span class="guidance-contact__kind">
            <Abbreviated text={contact.label ?? CONTACT_KIND_LABELS[contact.kind]} />:{' '}
          </span>
          <ContactValue contact={contact} />
        </li>
      ))}
    </ul>
  );

// Where the pack publishes no contact for a role, who can give it.
const NOT_PUBLISHED = {
  safeguardingLead: 'Not published in this guidance: your manager can tell you who it is.',
  other: 'Not published in this guidance: your designated safeguarding lead has it.',
};

/** How to reach a directory entry: its own contacts, or whose contact to use (the service's, when published). */
export const EntryContacts = ({ pack, entry }: { pack: GuidancePack; entry: DirectoryEntry }) => {
  const route = contactRoute(pack, entry);
  if (route.kind === 'direct') return <ContactList contacts={route.contacts} />;
  return (
    <div class="guidance-contact-via">
      <p>
        The sources give no contact for this service. Whose contact to use:{' '}
        <Abbreviated text={LOCAL_ROLE_LABELS[route.role]} />
        {route.contact ? ':' : '.'}
      </p>
      {route.contact ? (
        <ContactList contacts={localContactList(route.contact)} />
      ) : (
        <p class="muted">{route.role === 'safeguardingLead' ? NOT_PUBLISHED.safeguardingLead : NOT_PUBLISHED.other}</p>
      )}
    </div>
  );
};

/** A list of links to articles, one row each (44 px targets); `children` adds rows after them. */
export const ArticleLinks = ({
  links,
  children,
}: {
  links: readonly { id: string; title: string }[];
  children?: ComponentChildren;
}) => (
  <ul class="list guidance-links">
    {links.map((link) => (
      <li key={link.id}>
        <a class="guidance-link" href={articleHref(link.id)}>
          <Abbreviated text={link.title} />
        </a>
      </li>
    ))}
    {children}
  </ul>
);

/** Moves focus to a view's heading when it opens, so screen readers start at the new content. */
export const useFocusOnOpen = <T extends HTMLElement>(key: string, enabled = true) => {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!enabled) return;
    window.scrollTo(0, 0);
    ref.current?.focus({ preventScroll: true });
  }, [key, enabled]);
  return ref;
};

export const BackLink = ({ href = browseHref(), children }: { href?: string; children: ComponentChildren }) => (
  <p class="guidance-back">
    <a href={href}>
      <span aria-hidden="true">←</span>
      {children}
    </a>
  </p>
);
