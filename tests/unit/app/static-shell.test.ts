// index.html's static shell (painted before the app's script runs) against the app's own navigation: the same
// screens, links and labels, so what shows first is what the app then draws over.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeHref, SCREEN_LABELS, SCREENS } from '../../../src/app/router.ts';

const page = readFileSync('index.html', 'utf8');
const app = page.slice(page.indexOf('<div id="app">'), page.indexOf('<noscript>'));

describe("index.html's static shell", () => {
  it('links every screen of the app, in its order, with its label', () => {
    const nav = app.slice(app.indexOf('<nav class="app-nav" aria-label="Main">'), app.indexOf('</nav>'));
    const links = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]]);
    expect(links).toEqual(SCREENS.map((screen) => [SCREEN_LABELS[screen], routeHref(screen)]));
  });

  it('has the skip link, the header with the name and the main landmark the skip link targets', () => {
    expect(app).toContain('<a class="skip-link" href="#main">Skip to content</a>');
    expect(app).toContain('<header class="app-header"><span class="app-header__name">SafeVisit</span></header>');
    expect(app).toContain('<main id="main" tabindex="-1"></main>');
  });
});
