// Init script that `npm run bench` adds to the REAL app's pages (before any app code runs): timestamps for
// "visible" moments, clicks, autosave timers and IndexedDB commits. Observes only; changes no app behaviour
// except, when asked (skipAutosaveDebounce), starting the autosave timer at once instead of after its delay.
(() => {
  const probes = {
    /** Start of every committed readwrite transaction over the `reports` store, and its commit. */
    reportCommits: [],
    /** One entry per autosave timer started by an input event: input, timer start, timer run, commit. */
    autosaves: [],
    skipAutosaveDebounce: false,
    lastClickAt: null,
  };
  window.__bench = probes;

  /**
   * Resolves with performance.now() just after the frame that paints what `predicate()` (checked on every DOM
   * change) found: a message posted from that frame's animation callback runs once its style, layout and paint
   * are done, so a long list's layout is counted too. Rejects after WAIT_LIMIT_MS, so a changed screen fails
   * the bench instead of hanging it.
   */
  const WAIT_LIMIT_MS = 30_000;
  probes.whenVisible = (predicate) =>
    new Promise((resolve, reject) => {
      const limit = window.setTimeout(
        () => reject(new Error('what the bench waited for never appeared')),
        WAIT_LIMIT_MS,
      );
      const done = () =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            window.clearTimeout(limit);
            resolve(performance.now());
          };
          channel.port2.postMessage(null);
        });
      if (predicate()) return done();
      const observer = new MutationObserver(() => {
        if (!predicate()) return;
        observer.disconnect();
        done();
      });
      observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    });

  // Where a cold start's time goes: navigation timing (service worker start, response; DOMContentLoaded, null when it
  // came after the paint), the Guidance link in the DOM (parsed from index.html's static shell, painted before any
  // script runs) and the frame that painted the app's own first render (the navigation marks the current screen:
  // the boot has run, so every control answers). The figure is that last frame: a usable screen, not the shell.
  // Checked on every DOM change while the page loads, so they read the DOM only: asking for a box there would force
  // a layout the page never needs (before the stylesheet has even arrived), which the figure would then count. The
  // link's box is checked once, after the frame.
  let linkInDomAt = null;
  const guidanceLinkInDom = () =>
    Array.from(document.querySelectorAll('nav a')).some((a) => a.textContent.trim() === 'Guidance');
  const currentScreenLink = () => document.querySelector('nav a[aria-current="page"]');
  probes.coldStart = probes
    .whenVisible(() => {
      if (linkInDomAt === null && guidanceLinkInDom()) linkInDomAt = performance.now();
      return currentScreenLink() !== null;
    })
    .then((at) => {
      if (!(currentScreenLink()?.getBoundingClientRect().height > 0))
        throw new Error("the app's first render was painted but its navigation is not shown");
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        visibleAt: at,
        linkInDomAt,
        workerStart: nav ? nav.workerStart : null,
        responseEnd: nav ? nav.responseEnd : null,
        domContentLoaded: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : null,
      };
    });

  /** A waiter for a button by its text, armed before the click that should make it appear. */
  probes.buttonVisible = (text) =>
    probes.whenVisible(() =>
      Array.from(document.querySelectorAll('button')).some(
        (b) => b.textContent.trim() === text && b.getBoundingClientRect().height > 0,
      ),
    );
  /**
   * The report list with `n` reports: every card on screen, or (should the list ever render only what is in view)
   * the "n reports." count with cards under it.
   */
  probes.listVisible = (n) => {
    const count = new RegExp(`\\b${n.toLocaleString('en-GB').replace(',', ',?')} reports\\.`);
    return probes.whenVisible(() => {
      const cards = document.querySelectorAll('.report-card').length;
      return cards >= n || (cards > 0 && count.test(document.querySelector('main')?.textContent ?? ''));
    });
  };

  /**
   * The first screenful of the report list: its first card painted (on a narrow screen the filters may push it just
   * below the fold; it is still what the list paints first).
   */
  probes.listFirstScreen = () => probes.whenVisible(() => document.querySelector('.report-card') !== null);
  /**
   * All `n` reports findable by the list's search: the search field shown, the "n reports." count, and no
   * "Loading the rest" notice left (the list says it while it is still opening the older reports).
   */
  probes.listSearchable = (n) => {
    const count = new RegExp(`\\b${n.toLocaleString('en-GB').replace(',', ',?')} reports\\.`);
    return probes.whenVisible(() => {
      const main = document.querySelector('main');
      const text = main?.textContent ?? '';
      return (
        document.getElementById('report-search') !== null && count.test(text) && !text.includes('Loading the rest')
      );
    });
  };

  window.addEventListener(
    'click',
    (event) => {
      probes.lastClickAt = event.timeStamp;
    },
    true,
  );

  // Autosave: the editor starts its debounce timer synchronously inside the input event's dispatch, so a timer
  // started between the window's capture and bubble listeners of an `input` event is the autosave timer.
  let inputAt = null;
  window.addEventListener(
    'input',
    (event) => {
      inputAt = event.timeStamp;
    },
    true,
  );
  window.addEventListener('input', () => {
    inputAt = null;
  });
  const originalSetTimeout = window.setTimeout;
  window.setTimeout = function benchSetTimeout(callback, delay, ...args) {
    if (inputAt === null || typeof callback !== 'function' || !(delay >= 100)) {
      return originalSetTimeout.call(window, callback, delay, ...args);
    }
    const entry = { inputAt, scheduledAt: performance.now(), delay, firedAt: null, commitAt: null };
    probes.autosaves.push(entry);
    const run = function benchAutosaveTimer(...runArgs) {
      entry.firedAt = performance.now();
      return callback.apply(this, runArgs);
    };
    return originalSetTimeout.call(window, run, probes.skipAutosaveDebounce ? 0 : delay, ...args);
  };

  // Commits of report writes: Dexie opens a native readwrite transaction over `reports` for every put.
  const originalTransaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function benchTransaction(storeNames, mode, options) {
    const tx = originalTransaction.call(this, storeNames, mode, options);
    const names = typeof storeNames === 'string' ? [storeNames] : Array.from(storeNames);
    if (mode === 'readwrite' && names.includes('reports')) {
      const startedAt = performance.now();
      tx.addEventListener('complete', () => {
        const commitAt = performance.now();
        probes.reportCommits.push({ startedAt, commitAt });
        // The first commit after an autosave timer ran is that save's commit.
        for (const entry of probes.autosaves) {
          if (entry.firedAt !== null && entry.commitAt === null && startedAt >= entry.firedAt)
            entry.commitAt = commitAt;
        }
      });
    }
    return tx;
  };

  /** True when any stored report row of the app's database holds `text` in clear (it must not). */
  probes.rawReportsContain = (text) =>
    new Promise((resolve, reject) => {
      const open = indexedDB.open('safevisit');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const all = db.transaction('reports', 'readonly').objectStore('reports').getAll();
        all.onerror = () => reject(all.error);
        all.onsuccess = () => {
          const decoder = new TextDecoder('utf-8', { fatal: false });
          const found = all.result.some((row) =>
            Object.values(row).some((v) =>
              v instanceof Uint8Array ? decoder.decode(v).includes(text) : String(v).includes(text),
            ),
          );
          db.close();
          resolve({ rows: all.result.length, found });
        };
      };
    });

  /** Resolves when the `index`-th autosave (0-based) has committed; rejects after `timeoutMs`. */
  probes.autosaveCommitted = (index, timeoutMs) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const check = () => {
        const entry = probes.autosaves[index];
        if (entry && entry.commitAt !== null) return resolve(entry);
        if (performance.now() - started > timeoutMs) return reject(new Error(`autosave ${index} never committed`));
        originalSetTimeout.call(window, check, 1);
      };
      check();
    });
})();
