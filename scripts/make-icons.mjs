// Renders the PNG app icons in public/ from public/icon.svg with Debian Chromium.
// Run by hand when the icon changes: node scripts/make-icons.mjs
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const svg = await readFile(new URL('../public/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
const render = async (size, maskable, file) => {
  await page.setViewportSize({ width: size, height: size });
  // Maskable icons keep their content inside the central 80% safe zone on a full-bleed background.
  const inner = maskable ? Math.round(size * 0.7) : size;
  await page.setContent(
    `<body style="margin:0;background:${maskable ? '#0b5d5e' : 'transparent'};display:grid;place-items:center;height:${size}px">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
  );
  await page.screenshot({ path: new URL(`../public/${file}`, import.meta.url).pathname, omitBackground: !maskable });
};
// The page's favicon is a small PNG, not the SVG: Chromium decodes a favicon on the page's own thread, and an SVG one
// (a whole SVG document) cost the offline cold start about 13 ms at 4x CPU slowdown, between the entry script and boot.
await render(32, false, 'favicon-32.png');
await render(192, false, 'icon-192.png');
await render(512, false, 'icon-512.png');
await render(512, true, 'icon-maskable-512.png');
await render(180, true, 'apple-touch-icon.png');
await browser.close();
