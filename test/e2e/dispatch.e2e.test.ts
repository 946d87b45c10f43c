/**
 * The daily dispatch page in a real browser, in both languages at 1366×768 and 390×844: a kept
 * day's figures for the city with their bars, the districts compared in stacked bars, the figures
 * matching the API's, the PDF link, and nothing wider than a phone's screen.
 * Screenshots go to test-results/ (and to SHOTS_DIR when set).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { dayAt } from '../../domain/dispatch/office-day';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { TEST_ADMIN_PASSWORD } from '../support/callers';
import { clearOfMidnight } from '../support/office-clock';
import { startCase } from '../support/processes';
import { arrival } from '../dispatch/arrivals';
import { libraryReady } from '../library/library-support';
import { launchChromium, SCREENS, signedIn, snap } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(240_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', title: 'Daily dispatch', section: 'Arrivals by risk level' },
  { lang: 'zh', locale: 'zh-CN', title: '每日调度', section: '来淮人员（按风险等级）' },
] as const;

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let day: string;
let city: { figures: { arrivals: Record<string, number> } };

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ ownDatabase: true });
  browser = await launchChromium();
  await libraryReady(app, 'arrival-screening');
  await clearOfMidnight(3 * 60_000);
  for (const [risk, unit] of [['high', 'qingjiangpu'], ['high', 'qingjiangpu'], ['medium', 'huaiyin'], ['low', 'hongze']] as const) {
    await startCase(app, 'arrival-screening', arrival(risk, unit), { orgUnit: unit });
  }
  // Each arrival is counted once registered, its case's first step.
  await eventually(async () => ((await app.platform.services.db.query(`SELECT count(*)::int AS n FROM registrations WHERE context = 'arrival'`))[0].n === 4 ? true : undefined), 30_000, 'the arrivals registered');
  day = dayAt(new Date());
  const generated = await app.api('POST', `/api/daily-reports/${day}`);
  expect(generated.status).toBe(201);
  city = generated.body.reports[0];
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('the day shows the city with bars and each district in stacked bars ($size px)', async (screen) => {
    const { context, page } = await signedIn(browser, app.url, { ...screen, locale: language.locale, username: 'admin', password: TEST_ADMIN_PASSWORD });
    contexts.push(context);
    await page.goto(`${app.url}/#/dispatch`);
    await page.getByTestId('dispatch').waitFor();
    await page.getByTestId('dispatch-day').fill(day);
    await page.getByTestId('dispatch-totals').waitFor();
    expect(await page.locator('h2').first().innerText()).toContain(language.title);
    expect(await page.getByTestId('section-arrivals').locator('h4').textContent()).toBe(language.section);
    for (const level of ['high', 'medium', 'low', 'none']) {
      expect(Number(await page.getByTestId(`figure-arrivals-${level}`).innerText())).toBe(city.figures.arrivals[level]);
    }
    expect(city.figures.arrivals.high).toBeGreaterThanOrEqual(2);
    // Charts: a bar per figure of the city, a stacked bar per district and section, drawn to scale.
    expect(await page.getByTestId('value-bar').count()).toBe(19);
    const districtRows = page.getByTestId('district-section-arrivals').getByTestId('district-row');
    expect(await districtRows.count()).toBe(10);
    const widths = async (unit: string) =>
      Number(await page.locator(`[data-testid="district-section-arrivals"] [data-unit="${unit}"] rect[data-value]`).evaluateAll((rects) => rects.reduce((sum, r) => sum + Number(r.getAttribute('width')), 0)));
    expect(await widths('qingjiangpu')).toBeCloseTo(100);
    expect(await widths('huaiyin')).toBeCloseTo(50);
    expect(await widths('xuyi')).toBe(0);
    expect(await page.getByTestId('dispatch-pdf').getAttribute('href')).toBe(`/api/daily-reports/${day}/huaian/pdf?revision=1`);
    // Nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(screen.viewport.width);
    await snap(page, `dispatch-${language.lang}-${screen.size}`);
  });
});
