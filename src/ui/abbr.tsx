// Abbreviations spelled out: each known one is an <abbr> with its expansion as the title, and its first appearance
// in a scope (one screen's form, panel or article) also says the words in brackets. Text only, never HTML.
import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Every abbreviation the worker may meet on a screen, with the words it stands for. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  MASH: 'Multi-Agency Safeguarding Hub',
  CSSW: 'Children’s Safeguarding and Social Work',
  'e-CAF': 'electronic Common Assessment Framework',
  CEOP: 'Child Exploitation and Online Protection command of the National Crime Agency',
  CSCB: 'Camden Safeguarding Children Board',
  CSE: 'child sexual exploitation',
  IRO: 'Independent Reviewing Officer',
  LADO: 'Local Authority Designated Officer',
  AUP: 'acceptable use policy',
  IWF: 'Internet Watch Foundation',
  NCA: 'National Crime Agency',
  NSPCC: 'National Society for the Prevention of Cruelty to Children',
  UKCIS: 'UK Council for Internet Safety',
  SEND: 'special educational needs and disabilities',
  DSL: 'designated safeguarding lead',
  'Appendix 1': 'the incident report form of the Camden guidance',
};

const PATTERN = new RegExp(
  `(?<![\\w-])(${Object.keys(ABBREVIATIONS)
    .map((a) => a.replace(/[-\\s]/g, (c) => `\\${c}`))
    .join('|')})(?![\\w-])`,
  'g',
);

/** The abbreviations already spelled out in this scope; a scope without a provider spells out every one. */
const Seen = createContext<Set<string> | null>(null);

/**
 * A new scope: the first appearance of each abbreviation inside it is spelled out. Inside a scope, a no-op.
 * `explained`: abbreviations the screen spells out elsewhere (a key under a one-screen page): marked up only.
 */
export const AbbrScope = ({
  children,
  explained = [],
}: {
  children: ComponentChildren;
  explained?: readonly string[];
}) => {
  const outer = useContext(Seen);
  return outer ? children : <Seen.Provider value={new Set(explained)}>{children}</Seen.Provider>;
};

/** The known abbreviations the texts use, in the order of the list. */
export const abbreviationsIn = (texts: readonly string[]): string[] => {
  const found = new Set(texts.flatMap((text) => text.match(PATTERN) ?? []));
  return Object.keys(ABBREVIATIONS).filter((short) => found.has(short));
};

/** The text with every known abbreviation marked up; words in brackets where it first appears in the scope. */
export const Abbreviated = ({ text }: { text: string }) => {
  const seen = useContext(Seen);
  const parts = text.split(PATTERN);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) => {
        // split() with one capture group puts the abbreviations at the odd positions.
        if (i % 2 === 0) return part;
        const words = ABBREVIATIONS[part] ?? '';
        const first = !seen?.has(part);
        seen?.add(part);
        // The words are already there when the text says them right after (e.g. "SEND (special ...)").
        const lower = text.toLowerCase();
        const said =
          (parts[i + 1] ?? '').trimStart().toLowerCase().startsWith(`(${words.toLowerCase()}`) ||
          lower.includes(`${words.toLowerCase()} (${part.toLowerCase()})`);
        return (
          // The parts of one text never reorder, so the position is a stable key.
          <span key={i}>
            <abbr title={words}>{part}</abbr>
            {first && !said ? ` (${words})` : ''}
          </span>
        );
      })}
    </>
  );
};
