/**
 * The canvas tells the story (issue 16), in a real browser on the built-in arrival screening, in
 * English and Chinese at 1366×768 and 390×844: a branch's condition is written on its edge in the
 * UI language (shortened, in full on hover) instead of "condition…"; a step is found by typing part
 * of its name and jumped to at a readable zoom; Alt+arrows walk the process along its edges.
 * Screenshots in test-results/canvas-story-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { NODE_SIZE } from '../../editor/src/nodes/size';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium, SCREENS, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(120_000);

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The selected step's id, if any. */
const selected = (page: Page) => page.locator('.react-flow__node.selected').getAttribute('data-id', { timeout: 2_000 }).catch(() => null);

/** Whether a node is drawn inside the canvas, with its 13 px title at 11 px or more on screen. */
async function readableInView(page: Page, nodeId: string): Promise<boolean> {
  const [node, canvas] = await Promise.all([page.getByTestId(`node-${nodeId}`).boundingBox(), page.getByTestId('canvas').boundingBox()]);
  if (!node || !canvas) return false;
  const inside = node.x >= canvas.x && node.x + node.width <= canvas.x + canvas.width && node.y >= canvas.y && node.y + node.height <= canvas.y + canvas.height;
  return inside && (13 * node.width) / NODE_SIZE.width >= 11;
}

const LANGS = [
  { lang: 'en', locale: 'en-US', condition: 'latest.positive equals true', find: 'landing test result', found: 'landingResult' },
  { lang: 'zh', locale: 'zh-CN', condition: 'latest.positive 等于 true', find: '落地检结果', found: 'landingResult' },
];

test.each(SCREENS.flatMap((screen) => LANGS.map((l) => ({ ...screen, ...l }))))(
  '$lang $size: conditions on the edges, a step found by name, Alt+arrows along the edges',
  async ({ viewport, size, lang, locale, condition, find, found }) => {
    const page = await browser.newPage({ viewport, locale, extraHTTPHeaders: await app.headers() });
    try {
      await page.goto(`${app.url}/#/processes/arrival-screening`);
      await page.getByTestId('node-start').waitFor();

      // The edge from a day's result to the hospital says why a case takes it.
      const edge = page.getByTestId('edge-label-dayPositive-hospitalSite');
      expect(await edge.textContent()).toBe(condition);

      // Find a step by part of its name in the UI language, and jump there, readable.
      await page.getByTestId('node-finder').fill(find);
      await page.getByTestId(`node-finder-match-${found}`).click();
      await waitUntil(() => readableInView(page, found), Boolean, `${found} centred at a readable zoom`);
      await waitUntil(() => selected(page), (id) => id === found, `${found} selected`);
      await snap(page, `canvas-story-${lang}-${size}-found`);

      // Alt+→ follows the first edge out; Alt+← comes back along the first edge in.
      // The node is focused by a click; React Flow's own arrow keys (moving the node, an edit) must not fire.
      await page.getByTestId(`node-${found}`).click();
      await page.keyboard.press('Alt+ArrowRight');
      await waitUntil(() => selected(page), (id) => id === 'recordLanding', 'the next step along the edge');
      await waitUntil(() => readableInView(page, 'recordLanding'), Boolean, 'the next step in view');
      await page.keyboard.press('Alt+ArrowLeft');
      await waitUntil(() => selected(page), (id) => id === found, 'back to the step before');
      await waitUntil(() => readableInView(page, found), Boolean, `${found} in view again`);
      expect(await page.getByTestId('dirty').count()).toBe(0);
    } finally {
      await page.close();
    }
  },
);
