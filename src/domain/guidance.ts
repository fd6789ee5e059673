// The guidance pack format (zod) and its validator: schema, integrity checks, types.
// Pure: no storage, no network, no search; validators return issues and never throw.
import { z } from 'zod';
import { INCIDENT_TYPE_IDS } from './report-options.ts';

/** Bumped on every incompatible change of the pack format; a pack with another value is refused. */
export const GUIDANCE_SCHEMA_VERSION = 1;

/** The incident type ids of the report form (Camden Appendix 1, "Type of incident"): one list for both. */
export const GUIDANCE_INCIDENT_TYPE_IDS = INCIDENT_TYPE_IDS;

export const GUIDANCE_SOURCE_DOCUMENTS = ['camden', 'kent-medway'] as const;

// Limits keep a hostile or broken pack from filling the device or freezing the search index.
const MAX_TEXT_CHARS = 4_000;
const MAX_ARTICLES = 500;
const MAX_DIRECTORY_ENTRIES = 500;
const MAX_BLOCKS_PER_ARTICLE = 60;

const slug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');
const shortText = z.string().trim().min(1).max(200);

/**
 * Where a piece of advice comes from. Absent or 'source': the two source documents, in own words. 'service': advice
 * the service (the pack's publisher) adds beyond them, shown as such so an officer can review it.
 */
export const AdviceOriginSchema = z.enum(['source', 'service']);
const origin = AdviceOriginSchema.optional();

export const IncidentTypeIdSchema = z.enum(GUIDANCE_INCIDENT_TYPE_IDS);

export const SourceRefSchema = z.strictObject({
  document: z.enum(GUIDANCE_SOURCE_DOCUMENTS),
  /** '5.3' for a numbered section; for the Kent and Medway FAQ '4 Q3' (question 3 of section 4) or '1 D2' (further-discussion question 2). */
  section: z
    .string()
    .regex(/^(?:\d+(?:\.\d+)*(?: [QD]\d+)?|Appendix \d+)$/, "must look like '5.3', '4 Q3', '1 D2' or 'Appendix 1'"),
  label: shortText,
});

/** Inline content: plain text, strong text, or a link to another article or a directory entry. No HTML, no external URLs. */
export const InlineSchema = z.union([
  z.string().min(1).max(MAX_TEXT_CHARS),
  z.strictObject({ strong: z.string().min(1).max(MAX_TEXT_CHARS) }),
  z.strictObject({ text: z.string().min(1).max(200), article: slug }),
  z.strictObject({ text: z.string().min(1).max(200), entry: slug }),
]);
const inlines = z.array(InlineSchema).min(1).max(100);

export const BlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), text: shortText, origin }),
  z.strictObject({ type: z.literal('paragraph'), content: inlines, origin }),
  /** A warning the UI shows prominently (for example: never copy an indecent image). */
  z.strictObject({ type: z.literal('callout'), content: inlines, origin }),
  z.strictObject({ type: z.literal('list'), ordered: z.boolean(), items: z.array(inlines).min(1).max(40), origin }),
  z
    .strictObject({
      type: z.literal('table'),
      origin,
      caption: shortText,
      /** The header row; the first column of each row is its row header. */
      header: z.array(shortText).min(2).max(8),
      rows: z.array(z.array(inlines).min(2).max(8)).min(1).max(30),
    })
    .refine((t) => t.rows.every((row) => row.length === t.header.length), {
      message: 'every table row must have as many cells as the header',
    }),
]);

export const ArticleSchema = z.strictObject({
  id: slug,
  /** The question, where the article answers one. */
  title: shortText,
  /** What to do now, in one or two sentences. */
  summary: z.string().trim().min(1).max(400),
  body: z.array(BlockSchema).min(1).max(MAX_BLOCKS_PER_ARTICLE),
  tags: z.array(z.string().trim().min(1).max(60)).max(40),
  /** Words a worker may type for this topic that the text itself may not use (e.g. 'sextortion'). */
  synonyms: z.array(z.string().trim().min(1).max(60)).max(60),
  incidentTypes: z.array(IncidentTypeIdSchema).max(GUIDANCE_INCIDENT_TYPE_IDS.length),
  sources: z.array(SourceRefSchema).min(1).max(20),
  /** Further articles to offer next, best first. */
  related: z.array(slug).max(12).optional(),
  /** 'service' when the whole answer is the service's advice (for example the answers to discussion questions). */
  origin,
});

export const ContactSchema = z.strictObject({
  kind: z.enum(['phone', 'web', 'email']),
  value: z.string().trim().min(1).max(300),
  label: shortText.optional(),
});

/** The service's own contacts a pack may publish: the people the guidance says to tell, whose numbers no source can give. */
export const LOCAL_CONTACT_ROLES = ['lado', 'mash', 'outOfHours', 'safeguardingLead'] as const;
export const LocalContactRoleSchema = z.enum(LOCAL_CONTACT_ROLES);

const PHONE_NUMBER = /^\+?[\d ()-]{3,20}$/;
// A bare address only: no query part ('?bcc=', '&body='), no fragment, nothing a mailto: link would act on.
const EMAIL_ADDRESS = /^[A-Za-z0-9._+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/** True for a bare email address that is safe to put after 'mailto:' (no '?', '&', '#' or anything else it acts on). */
export const isPlainEmailAddress = (value: string): boolean => EMAIL_ADDRESS.test(value);

export const LocalContactSchema = z
  .strictObject({
    /** Who or which team, e.g. 'Camden LADO' or 'MASH (children's front door)'. */
    name: shortText,
    phone: z
      .string()
      .trim()
      .regex(PHONE_NUMBER, 'must be a phone number: digits, spaces, brackets, hyphens')
      .optional(),
    email: z
      .string()
      .trim()
      .max(254)
      .regex(EMAIL_ADDRESS, 'must be a plain email address, with nothing after it')
      .optional(),
  })
  .refine((c) => c.phone !== undefined || c.email !== undefined, { message: 'needs a phone number or an email' });

export const LocalContactsSchema = z.strictObject({
  lado: LocalContactSchema.optional(),
  /** The MASH or children's services front door, where referrals go. */
  mash: LocalContactSchema.optional(),
  outOfHours: LocalContactSchema.optional(),
  safeguardingLead: LocalContactSchema.optional(),
});

export const DirectoryEntrySchema = z.strictObject({
  id: slug,
  name: shortText,
  /** What the service does and when to use it. */
  summary: z.string().trim().min(1).max(600),
  /** Who it is for, as the source says (e.g. 'adults 18+'). */
  audience: shortText.optional(),
  contacts: z.array(ContactSchema).max(10),
  /** Whose contact to use: the service's own (from the pack's local contacts), for entries the sources give no route to. */
  contactVia: LocalContactRoleSchema.optional(),
  tags: z.array(z.string().trim().min(1).max(60)).max(40),
  synonyms: z.array(z.string().trim().min(1).max(60)).max(40),
  sources: z.array(SourceRefSchema).min(1).max(10),
});

export const SectionSchema = z.strictObject({
  id: slug,
  title: shortText,
  description: z.string().trim().min(1).max(400).optional(),
  articleIds: z.array(slug).min(1).max(MAX_ARTICLES),
});

export const GuidancePackSchema = z.strictObject({
  schemaVersion: z.literal(GUIDANCE_SCHEMA_VERSION),
  /** The publisher's version of this pack's content, e.g. '2026.11.1'. */
  version: z.string().trim().min(1).max(64),
  publishedAt: z.iso.datetime({ offset: true }),
  publisher: shortText,
  sections: z.array(SectionSchema).min(1).max(100),
  articles: z.array(ArticleSchema).min(1).max(MAX_ARTICLES),
  directory: z.array(DirectoryEntrySchema).max(MAX_DIRECTORY_ENTRIES),
  /** The publisher's pick of articles for each incident type of the report form, best first. */
  incidentTypeArticles: z.partialRecord(IncidentTypeIdSchema, z.array(slug).min(1).max(20)).optional(),
  /** The service's published contacts (LADO, MASH, out of hours, safeguarding lead); the bundled pack has none. */
  localContacts: LocalContactsSchema.optional(),
});

export type IncidentTypeId = z.infer<typeof IncidentTypeIdSchema>;
export type SourceDocument = (typeof GUIDANCE_SOURCE_DOCUMENTS)[number];
export type SourceRef = z.infer<typeof SourceRefSchema>;
export type Inline = z.infer<typeof InlineSchema>;
export type Block = z.infer<typeof BlockSchema>;
export type Article = z.infer<typeof ArticleSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;
export type GuidanceSection = z.infer<typeof SectionSchema>;
export type GuidancePack = z.infer<typeof GuidancePackSchema>;
export type AdviceOrigin = z.infer<typeof AdviceOriginSchema>;
export type LocalContactRole = z.infer<typeof LocalContactRoleSchema>;
export type LocalContact = z.infer<typeof LocalContactSchema>;
export type LocalContacts = z.infer<typeof LocalContactsSchema>;

export type ParseGuidancePackResult = { ok: true; pack: GuidancePack } | { ok: false; issues: string[] };

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );

const inlinesOfBlock = (block: Block): Inline[] => {
  switch (block.type) {
    case 'heading':
      // Stryker disable next-line ArrayDeclaration: the caller skips plain strings, so any list of them is as empty.
      return [];
    case 'paragraph':
    case 'callout':
      return block.content;
    case 'list':
      return block.items.flat();
    case 'table':
      return block.rows.flat(2);
  }
};

const duplicates = (ids: readonly string[]): string[] => {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
};

/** Names of the Guidance screen's own pages, which no article may take as its id (its link would open the page). */
export const GUIDANCE_RESERVED_IDS = ['directory', 'quick-reference'] as const;
const RESERVED_IDS: ReadonlySet<string> = new Set(GUIDANCE_RESERVED_IDS);

/** Cross-references a schema cannot see: unique ids, sections and links that point at something real. */
export const checkGuidancePackIntegrity = (pack: GuidancePack): string[] => {
  const issues: string[] = [];
  const articleIds = new Set(pack.articles.map((a) => a.id));
  const entryIds = new Set(pack.directory.map((e) => e.id));

  for (const id of duplicates(pack.articles.map((a) => a.id))) issues.push(`articles: duplicate article id '${id}'`);
  for (const id of pack.articles.map((a) => a.id))
    if (RESERVED_IDS.has(id)) issues.push(`articles: the id '${id}' is reserved for a page of the Guidance screen`);
  for (const id of duplicates(pack.directory.map((e) => e.id)))
    issues.push(`directory: duplicate directory entry id '${id}'`);
  for (const id of duplicates(pack.sections.map((s) => s.id))) issues.push(`sections: duplicate section id '${id}'`);

  pack.sections.forEach((section, i) => {
    for (const id of duplicates(section.articleIds))
      issues.push(`sections[${i}].articleIds: article '${id}' is listed twice in section '${section.id}'`);
    for (const id of section.articleIds)
      if (!articleIds.has(id))
        issues.push(`sections[${i}].articleIds: section '${section.id}' lists unknown article '${id}'`);
  });

  for (const [type, ids] of Object.entries(pack.incidentTypeArticles ?? {})) {
    // Stryker disable next-line ArrayDeclaration: the schema gives every type it lists a list; this is for the type only.
    for (const id of ids ?? [])
      if (!articleIds.has(id))
        issues.push(`incidentTypeArticles.${type}: incident type '${type}' points to unknown article '${id}'`);
  }

  pack.articles.forEach((article, i) => {
    article.body.forEach((block, j) => {
      for (const inline of inlinesOfBlock(block)) {
        if (typeof inline !== 'object') continue;
        if ('article' in inline && !articleIds.has(inline.article))
          issues.push(`articles[${i}].body[${j}]: '${article.id}' links to unknown article '${inline.article}'`);
        if ('entry' in inline && !entryIds.has(inline.entry))
          issues.push(`articles[${i}].body[${j}]: '${article.id}' links to unknown directory entry '${inline.entry}'`);
      }
    });
    for (const id of article.related ?? []) {
      if (!articleIds.has(id))
        issues.push(`articles[${i}].related: '${article.id}' relates to unknown article '${id}'`);
      if (id === article.id) issues.push(`articles[${i}].related: '${article.id}' relates to itself`);
    }
  });
  return issues;
};

/** Validates a pack from anywhere (bundle, server, storage): schema first, then integrity. */
export const parseGuidancePack = (json: unknown): ParseGuidancePackResult => {
  const parsed = GuidancePackSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(pack)'}: ${issue.message}`),
    };
  }
  const issues = checkGuidancePackIntegrity(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, pack: parsed.data };
};

/** The article ids that link to no section: useful for authors, not an error. */
export const articlesOutsideSections = (pack: GuidancePack): string[] => {
  const listed = new Set(pack.sections.flatMap((s) => s.articleIds));
  return pack.articles.filter((a) => !listed.has(a.id)).map((a) => a.id);
};

/** Plain text of inline content, for search and for screen readers' summaries. */
export const inlineText = (content: readonly Inline[]): string =>
  content
    .map((inline) => (typeof inline === 'string' ? inline : 'strong' in inline ? inline.strong : inline.text))
    .join('');

const blockText = (block: Block): string => {
  switch (block.type) {
    case 'heading':
      return block.text;
    case 'paragraph':
    case 'callout':
      return inlineText(block.content);
    case 'list':
      return block.items.map(inlineText).join('\n');
    case 'table':
      return [block.caption, block.header.join(' | '), ...block.rows.map((r) => r.map(inlineText).join(' | '))].join(
        '\n',
      );
  }
};

/** Plain text of a whole body, one line per block, list item or table row. */
export const bodyText = (body: readonly Block[]): string => body.map(blockText).join('\n');
