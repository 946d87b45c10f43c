/**
 * Readable at first sight: every built-in process opens in the editor with its node titles at
 * 11 px or more on screen and its start node in view, at 1366×768 and 390×844, in English and
 * Chinese (a long chain used to be fitted whole, down to specks). Fit-to-view stays a button.
 * Screenshots in test-results/readable-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { processLibrary } from '../../domain/library/processes';
import { NODE_SIZE } from '../../editor/src/nodes/size';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium, SCREENS, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(180_000);

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

/** A node title's font size in CSS pixels (the body's 13 px; app.css). */
const TITLE_PX = 13;

/** The on-screen size of node titles (the canvas zoom from the start node's drawn width) and whether the start node is in the canvas. */
async function view(page: Page) {
  const [start, canvas] = await Promise.all([page.getByTestId('node-start').boundingBox(), page.getByTestId('canvas').boundingBox()]);
  if (!start || !canvas) return { titlePx: 0, startInView: false };
  const inView = start.x + start.width > canvas.x && start.x < canvas.x + canvas.width && start.y + start.height > canvas.y && start.y < canvas.y + canvas.height;
  return { titlePx: (TITLE_PX * start.width) / NODE_SIZE.width, startInView: inView };
}

test.each(SCREENS.flatMap((screen) => [{ ...screen, lang: 'en', locale: 'en-US' }, { ...screen, lang: 'zh', locale: 'zh-CN' }]))(
  '$lang $size: each built-in process opens readable, at its start',
  async ({ viewport, lang, locale, size }) => {
    const page = await browser.newPage({ viewport, locale, extraHTTPHeaders: await app.headers() });
    try {
      const seen: Record<string, number> = {};
      for (const def of processLibrary) {
        await page.goto(`${app.url}/#/processes/${def.key}`);
        await page.getByTestId('node-start').waitFor();
        // Framed once the nodes are measured: wait for the view to settle on a readable zoom.
        const shown = await waitUntil(() => view(page), (v) => v.titlePx >= 11 && v.startInView, `${def.key} readable at its start`).finally(() =>
          def.key === 'arrival-screening' ? snap(page, `readable-${lang}-${size}-${def.key}`) : undefined,
        );
        seen[def.key] = Math.round(shown.titlePx * 10) / 10;
      }
      expect(Object.keys(seen).sort()).toEqual(processLibrary.map((d) => d.key).sort());
      process.stdout.write(`[readable] ${lang} ${size}: title px on screen ${JSON.stringify(seen)}\n`);
    } finally {
      await page.close();
    }
  },
);
