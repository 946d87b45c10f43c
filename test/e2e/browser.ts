/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot download
 * browsers here), with the flags a headless container needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.resolve(__dirname, '../../test-results');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The two screens every page must work on: a 1366×768 office screen and a 390×844 phone. */
export const SCREENS = [
  { size: '1366', viewport: { width: 1366, height: 768 } },
  { size: '390', viewport: { width: 390, height: 844 } },
] as const;

/**
 * Saves a screenshot of the viewport under test-results/, named by test and stage, and of the
 * whole page under SHOTS_DIR when set (for a person to look at).
 */
export async function snap(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
  if (process.env.SHOTS_DIR) {
    fs.mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `${name}.png`), fullPage: true });
  }
}

/** A new browser context of this size and locale (closed by the caller), signed in as `username`. */
export async function signedIn(browser: Browser, url: string, opts: { viewport: { width: number; height: number }; locale: string; username: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: opts.viewport, locale: opts.locale });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('sign-in-username').fill(opts.username);
  await page.getByTestId('sign-in-password').fill(opts.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('current-user').waitFor();
  return { context, page };
}

/** Drags with real mouse events from the centre of one element to the centre of another (React Flow connections). */
export async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag endpoints are not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Polls `read` until `ok` accepts its value; on timeout the error shows the last value seen. */
export async function waitUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until an element stops moving (React Flow animates fit-view and layout changes). */
export async function settled(locator: Locator): Promise<void> {
  let previous = '';
  await waitUntil(
    async () => {
      await new Promise((r) => setTimeout(r, 120));
      const box = JSON.stringify(await locator.boundingBox());
      const still = box === previous;
      previous = box;
      return still;
    },
    (still) => still,
    'the element to stop moving',
  );
}
