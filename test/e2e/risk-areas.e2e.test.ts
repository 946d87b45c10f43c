/**
 * Policy 8 in a real browser, in both languages at 1366×768 and 390×844: a supervisor of the
 * district office adds a high-risk area to the list, previews the re-evaluation of the recent
 * arrivals from it (per unit, masked people), confirms, and sees the arrivals move: the earlier
 * cases cancelled, their follow-ups in centralized quarantine. Screenshots go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestApp, uniqueKey, type TestApp } from '../support/app';
import { startCase, waitFor } from '../support/processes';
import { idNumber, libraryReady, sendResult, siteOfItsOwn } from '../library/library-support';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(240_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', summary: '2 people from', moved: '2 arrivals re-routed', centralized: 'Centralized quarantine' },
  { lang: 'zh', locale: 'zh-CN', summary: '的 2 人将调整管控措施', moved: '已调整 2 人', centralized: '集中隔离' },
] as const;

const PASSWORD = 'a long test password 42';
const USER = 'sup-e2e-risk';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ ownDatabase: true });
  await libraryReady(app, 'arrival-screening');
  browser = await launchChromium();
  // The district office's supervisor keeps the list (publishing it) and re-routes the arrivals (bulk).
  const made = await app.api('POST', '/api/users', { username: USER, password: PASSWORD, roles: ['supervisor', 'designer'], orgUnits: ['qingjiangpu'] });
  expect(made.status).toBe(201);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

/** Two arrivals from `area` in home quarantine (a medium-risk origin), waiting for their first test. */
async function twoArrivals(area: string): Promise<string[]> {
  const site = await siteOfItsOwn(app, 10);
  const ids: string[] = [];
  for (const name of ['张三', '李四']) {
    const id = await startCase(
      app,
      'arrival-screening',
      { person: { idNumber: idNumber(), name, phone: '13800000000' }, age: 30, entryPoint: 'airport', origin: { city: area, risk: 'medium' }, documents: { healthCode: 'green', itinerary: [{ place: area, risk: 'medium' }] }, district: site.district },
      { orgUnit: 'qingjiangpu' },
    );
    await sendResult(app, id, 'negative');
    ids.push(id);
  }
  for (const id of ids) expect((await waitFor(app, id, 'running', 'dayResult')).variables.plan.kind).toBe('home-quarantine');
  return ids;
}

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('a supervisor adds a high-risk area, previews and confirms the re-evaluation, and the arrivals move ($size px)', async (screen) => {
    const area = uniqueKey(`e2e地区-${language.lang}-${screen.size}`);
    const earlier = await twoArrivals(area);
    const { context, page } = await signedIn(browser, app.url, { ...screen, locale: language.locale, username: USER, password: PASSWORD });
    contexts.push(context);
    await page.goto(`${app.url}/#/risk-areas`);
    await page.getByTestId('risk-areas').waitFor();

    await page.getByTestId('risk-add-area').fill(area);
    await page.getByTestId('risk-add-level').selectOption('high');
    await page.getByTestId('risk-add-submit').click();
    const row = page.locator(`[data-testid="risk-area"][data-area="${area}"]`);
    const refused = page.getByTestId('risk-add-error');
    await waitUntil(async () => (await row.count()) + (await refused.count()), (n) => n > 0, 'the area listed (or refused)');
    expect(await refused.allInnerTexts()).toEqual([]);
    await snap(page, `risk-areas-list-${language.lang}-${screen.size}`);

    expect(await page.getByTestId('risk-reeval-area').inputValue()).toBe(area);
    await page.getByTestId('risk-preview-button').click();
    const preview = page.getByTestId('risk-preview');
    await preview.waitFor();
    expect(await page.getByTestId('risk-preview-summary').innerText()).toContain(language.summary);
    expect(await page.getByTestId('risk-unit').getAttribute('data-unit')).toBe('qingjiangpu');
    const people = await page.getByTestId('risk-person').allInnerTexts();
    expect(people).toHaveLength(2);
    // A supervisor without pii.read sees the names masked, as on the case page.
    expect(people.join(' ')).not.toContain('张三');
    expect(people.join(' ')).toContain(language.centralized);
    await page.getByTestId('risk-confirm').scrollIntoViewIfNeeded();
    await snap(page, `risk-areas-preview-${language.lang}-${screen.size}`);

    await page.getByTestId('risk-confirm').click();
    const done = page.getByTestId('risk-done');
    // The confirmation reads each arrival's state from Temporal and starts its follow-up in the one
    // request: on a loaded machine (CI-like run here) that outlasted the default 30 s.
    await done.waitFor({ timeout: 90_000 });
    expect(await done.innerText()).toContain(language.moved);
    await waitUntil(() => page.getByTestId('risk-new-case').count(), (n) => n === 2, 'the two follow-up cases listed');
    await snap(page, `risk-areas-confirmed-${language.lang}-${screen.size}`);

    // The arrivals moved: the earlier cases cancelled, their follow-ups in centralized quarantine.
    for (const id of earlier) await waitFor(app, id, 'cancelled');
    const href = await page.getByTestId('risk-new-case').first().getAttribute('href');
    const followUp = decodeURIComponent(href!.replace('#/cases/', ''));
    const next = await waitFor(app, followUp, 'running', 'dayResult');
    expect([next.variables.plan.kind, earlier.includes(next.variables.reevaluation.fromCase)]).toEqual(['centralized-quarantine', true]);
    await page.getByTestId('risk-new-case').first().click();
    await page.getByTestId('case-page').waitFor();
    // The follow-up's page: running, classified again (its decisions say centralized quarantine).
    await waitUntil(() => page.getByTestId('case-decisions').innerText(), (text) => text.includes('centralized-quarantine') || text.includes(language.centralized), 'the follow-up classified for centralized quarantine');
    await snap(page, `risk-areas-follow-up-${language.lang}-${screen.size}`);
  });
});

test('a CSV import with a bad cell names its row and column and lists nothing; a good one lists its areas', async () => {
  const { context, page } = await signedIn(browser, app.url, { ...SCREENS[1], locale: 'zh-CN', username: USER, password: PASSWORD });
  contexts.push(context);
  await page.goto(`${app.url}/#/risk-areas`);
  await page.getByTestId('risk-areas').waitFor();
  const [good, bad] = [uniqueKey('导入地区'), uniqueKey('错误地区')];
  await page.getByTestId('risk-import').setInputFiles({ name: 'areas.csv', mimeType: 'text/csv', buffer: Buffer.from(`area,level\n${good},medium\n${bad},severe\n`) });
  const refused = page.getByTestId('risk-add-error');
  await refused.waitFor();
  expect(await refused.innerText()).toContain('第 3 行 level 列');
  expect(await page.locator(`[data-testid="risk-area"][data-area="${good}"]`).count()).toBe(0);
  await snap(page, 'risk-areas-import-refused-zh-390');

  await page.getByTestId('risk-import').setInputFiles({ name: 'areas.csv', mimeType: 'text/csv', buffer: Buffer.from(`area,level\n${good},medium\n`) });
  await page.locator(`[data-testid="risk-area"][data-area="${good}"]`).waitFor();
  expect(await refused.count()).toBe(0);
});
