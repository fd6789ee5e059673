// The Guidance screen's own views inside its one route parameter (#/guidance/<param>).
// Pure mapping between view and parameter; never touches the history or the pack.
import { GUIDANCE_RESERVED_IDS } from '../../domain/guidance.ts';
import { routeHref } from '../router.ts';

export type GuidanceView =
  | { view: 'browse' }
  | { view: 'article'; id: string }
  | { view: 'directory' }
  | { view: 'entry'; id: string }
  | { view: 'quick-reference' };

// Pack ids are lowercase slugs, so a '.' can never be part of one: 'directory.<id>' cannot collide with an
// article id. The page names themselves are reserved: a pack with an article of that id is refused.
const [DIRECTORY, QUICK_REFERENCE] = GUIDANCE_RESERVED_IDS;
const ENTRY_PREFIX = `${DIRECTORY}.`;

export const parseGuidanceParam = (param: string | undefined): GuidanceView => {
  if (!param) return { view: 'browse' };
  if (param === DIRECTORY) return { view: 'directory' };
  if (param === QUICK_REFERENCE) return { view: 'quick-reference' };
  if (param.startsWith(ENTRY_PREFIX)) return { view: 'entry', id: param.slice(ENTRY_PREFIX.length) };
  return { view: 'article', id: param };
};

export const guidanceParam = (view: GuidanceView): string | undefined => {
  switch (view.view) {
    case 'browse':
      return undefined;
    case 'article':
      return view.id;
    case 'directory':
      return DIRECTORY;
    case 'entry':
      return `${ENTRY_PREFIX}${view.id}`;
    case 'quick-reference':
      return QUICK_REFERENCE;
  }
};

export const guidanceHref = (view: GuidanceView): string => routeHref('guidance', guidanceParam(view));
export const browseHref = (): string => guidanceHref({ view: 'browse' });
export const articleHref = (id: string): string => guidanceHref({ view: 'article', id });
export const directoryHref = (): string => guidanceHref({ view: 'directory' });
export const entryHref = (id: string): string => guidanceHref({ view: 'entry', id });
export const quickReferenceHref = (): string => guidanceHref({ view: 'quick-reference' });
