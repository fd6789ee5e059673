// The one seam the cross-engine journeys are written against: what a test does to a page (open, click by role and
// name or by label, fill, wait for what the user sees, run a script, cut the network, close and reopen), and the
// in-page finder every engine shares. Each engine's file implements only the transport; nothing here knows one.

/** What to find, as a user names it: a role and its accessible name, a field by its label, or text in a role. */
export type Target =
  | { role: Role; name: string }
  | { label: string }
  | { role: Role; hasText: string | readonly string[] }
  | { text: string };

export type Role =
  | 'alert'
  | 'button'
  | 'checkbox'
  | 'heading'
  | 'link'
  | 'listitem'
  | 'navigation'
  | 'searchbox'
  | 'status'
  | 'textbox';

/** One page (tab) of a profile. Every action waits (up to WAIT_MS) for its target to be there and visible. */
export type EnginePage = {
  goto: (url: string) => Promise<void>;
  reload: () => Promise<void>;
  /** Runs `fn` in the page (serialised on its own: it may use nothing from the test's scope but `arg`). */
  evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<Awaited<R>>;
  /** Closes this tab (its profile stays). */
  close: () => Promise<void>;
};

/** A fresh browser profile: its own storage, service worker and network switch. */
export type EngineProfile = {
  page: EnginePage;
  /** Another tab in the same profile (same storage, same service worker). */
  newPage: () => Promise<EnginePage>;
  /**
   * Tells the browser itself that the network is gone or back, where the engine can (navigator.onLine, the
   * `offline`/`online` events, every request of the profile failing). The suite also cuts the origin's connections.
   */
  emulateOffline: (offline: boolean) => Promise<void>;
  /** The user switches to another app and back: the page is hidden, then shown and focused (where the engine can). */
  leaveAndReturn: () => Promise<void>;
  /** Every URL this profile asked for that the engine can report (see EngineDriver.seesRequests). */
  requestedUrls: () => Promise<string[]>;
  close: () => Promise<void>;
};

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** What differs between engines, said once (the journeys assert the app's fallbacks from these). */
export type EngineTraits = {
  /** The driver can tell the browser it is offline (navigator.onLine false); otherwise only the server goes. */
  emulatesOffline: boolean;
  /** The driver can hide and show the page (visibilitychange, focus). */
  hidesPage: boolean;
  /** Background Sync (SyncManager) exists. */
  backgroundSync: boolean;
  /**
   * What navigator.storage.persist() answers here: Chromium headless and WebKitGTK refuse; Firefox grants it (the
   * driver's test prefs accept its permission prompt, as a user would).
   */
  persistGranted: boolean;
  /** Apple's WebKit: no install prompt; data of a site not added to the home screen is cleared after 7 days. */
  appleWebKit: boolean;
};

export type EngineDriver = {
  name: EngineName;
  traits: EngineTraits;
  /** The browser's own version string, for the README and the test log. */
  version: () => Promise<string>;
  newProfile: () => Promise<EngineProfile>;
  close: () => Promise<void>;
};

/**
 * `fn(arg)` as one script expression, the same text for every engine. tsx (esbuild's keepNames) wraps named inner
 * functions in a `__name` helper that exists only in Node: the script defines a do-nothing one for the page.
 */
export const scriptOf = <A>(fn: (arg: A) => unknown, arg: A): string =>
  `(() => { const __name = (f) => f; return (${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}); })()`;

/** How long a wait for something the page does by itself may take (a cold service worker on a busy machine). */
export const WAIT_MS = 30_000;
const POLL_MS = 100;

export type DomOp =
  | { op: 'count'; target: Target }
  | { op: 'click'; target: Target }
  | { op: 'check'; target: Target }
  | { op: 'fill'; target: Target; value: string }
  | { op: 'value'; target: Target }
  | { op: 'checked'; target: Target }
  | { op: 'text'; target: Target };

/**
 * Runs in the page, in every engine alike: finds the first visible element matching the target and acts on it.
 * Returns null when there is none yet. Self-contained (it is serialised): a small accessible-name rule set that
 * covers this app's markup (aria-label, aria-labelledby, <label>, text content).
 */
export const domOp = (request: DomOp): string | number | boolean | null => {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const selectors: Record<string, string> = {
    alert: '[role=alert]',
    button: 'button, input[type=button], input[type=submit], [role=button]',
    checkbox: 'input[type=checkbox], [role=checkbox]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    link: 'a[href], [role=link]',
    listitem: 'li, [role=listitem]',
    navigation: 'nav, [role=navigation]',
    searchbox: 'input[type=search], [role=searchbox]',
    status: '[role=status]',
    textbox: 'input:not([type]), input[type=text], input[type=email], input[type=url], textarea, [role=textbox]',
  };
  const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const labelOf = (el: Element): string | null => {
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
    const by = el.getAttribute('aria-labelledby');
    if (by)
      return by
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return Array.from(labels, (l) => l.textContent ?? '').join(' ');
    return null;
  };
  const nameOf = (el: Element) => norm(labelOf(el) ?? el.textContent);
  const target = request.target;
  let found: Element[];
  if ('label' in target) {
    found = Array.from(document.querySelectorAll('input, textarea, select')).filter(
      (el) => norm(labelOf(el)) === target.label,
    );
  } else if ('text' in target) {
    found = norm(document.body.textContent).includes(target.text) ? [document.body] : [];
  } else {
    const all = Array.from(document.querySelectorAll(selectors[target.role] ?? target.role));
    if ('name' in target) found = all.filter((el) => nameOf(el) === target.name);
    else {
      const parts = typeof target.hasText === 'string' ? [target.hasText] : target.hasText;
      found = all.filter((el) => parts.every((part) => norm(el.textContent).includes(part)));
    }
  }
  const el = found.find(visible) as HTMLInputElement | undefined;
  if (request.op === 'count') return found.filter(visible).length;
  if (!el) return null;
  switch (request.op) {
    case 'click':
      el.scrollIntoView({ block: 'center' });
      el.click();
      return true;
    case 'check':
      if (!el.checked) el.click();
      return el.checked;
    case 'fill': {
      el.focus();
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, request.value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }
    case 'value':
      return el.value;
    case 'checked':
      return el.checked;
    case 'text':
      return norm(el.textContent);
  }
};

/** Polls `probe` until it returns something other than null/false, or throws after WAIT_MS saying what it waited for. */
export const pollUntil = async <T>(what: string, probe: () => Promise<T | null | false>, timeoutMs = WAIT_MS) => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== false) return value as T;
    } catch (error) {
      // A page in the middle of navigating cannot answer; try again.
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

const describeTarget = (target: Target) => JSON.stringify(target);

/** The user's actions on any engine's page, built on `evaluate` and the shared finder. */
export const actionsOn = (page: EnginePage) => {
  const run = (request: DomOp) => page.evaluate(domOp, request);
  const act = (request: DomOp) => pollUntil(`${request.op} ${describeTarget(request.target)}`, () => run(request));
  return {
    click: async (target: Target) => void (await act({ op: 'click', target })),
    check: async (target: Target) => void (await act({ op: 'check', target })),
    fill: async (target: Target, value: string) => void (await act({ op: 'fill', target, value })),
    waitFor: async (target: Target, timeoutMs = WAIT_MS) =>
      void (await pollUntil(
        `${describeTarget(target)} to show`,
        async () => ((await run({ op: 'count', target })) as number) > 0,
        timeoutMs,
      )),
    /** Waits until nothing matches (a banner gone, a screen left). */
    waitForNone: async (target: Target) =>
      void (await pollUntil(`${describeTarget(target)} to go`, async () => (await run({ op: 'count', target })) === 0)),
    count: async (target: Target) => (await run({ op: 'count', target })) as number,
    value: (target: Target) => act({ op: 'value', target }) as Promise<string>,
    isChecked: async (target: Target) =>
      (await pollUntil(describeTarget(target), () =>
        run({ op: 'checked', target }).then((v) => (v === null ? null : String(v))),
      )) === 'true',
    /** Waits until `fn` returns true in the page. */
    waitUntil: <A>(what: string, fn: (arg: A) => boolean | Promise<boolean>, arg: A) =>
      pollUntil(what, () => page.evaluate(fn, arg)),
  };
};

export type PageActions = ReturnType<typeof actionsOn>;
