/**
 * A process's heatmap in a real browser, in both languages at 1366×768 and 390×844: the counts on
 * the graph and in its table match the case list, and a node opens the list filtered to its cases.
 * Screenshots go to test-results/ (and to SHOTS_DIR when set).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { publish, startCase, taskProcess } from '../support/processes';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(180_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', title: 'Heatmap' },
  { lang: 'zh', locale: 'zh-CN', title: '热力图' },
] as const;

const PASSWORD = 'a long test password 42';
const USER = 'sup-e2e-heat';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const processKey = uniqueKey('e2e-heat');

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
  await publish(app, { ...taskProcess(processKey), name: { zh: '入境人员核查', en: 'Arrival check' } });
  const cases: string[] = [];
  for (let i = 0; i < 3; i++) cases.push(await startCase(app, processKey, { note: `case ${i}` }, { orgUnit: 'qingjiangpu' }));
  // One case moves on: two wait at the task, one has passed it (a visit that ended).
  await eventually(async () => (await app.api('POST', `/api/tasks/${encodeURIComponent(`${cases[2]}:check:1`)}/complete`, { data: { note: 'ok' } })).status === 200 || undefined);
  await eventually(async () => ((await app.api('GET', `/api/cases?processKey=${processKey}&status=completed`)).body.total === 1 ? true : undefined));
  expect((await app.api('POST', '/api/users', { username: USER, password: PASSWORD, roles: ['supervisor'], orgUnits: ['qingjiangpu'] })).status).toBe(201);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('the heatmap counts match the case list, and a node opens its cases ($size px)', async (screen) => {
    const { context, page } = await signedIn(browser, app.url, { ...screen, locale: language.locale, username: USER, password: PASSWORD });
    contexts.push(context);
    await page.getByTestId(`heatmap-link-${processKey}`).click();
    await page.getByTestId('heatmap-screen').waitFor();
    expect(await page.locator('h2').first().innerText()).toContain(language.title);

    const node = page.getByTestId('heat-node-check');
    await waitUntil(() => node.getAttribute('data-open'), (n) => n === '2', 'two cases at the task on the graph');
    expect(await page.locator('[data-testid="heatmap-row"][data-node="check"] [data-testid="heatmap-open"]').innerText()).toBe('2');
    expect(await page.locator('[data-testid="heatmap-row"][data-node="start"] [data-testid="heatmap-open"]').innerText()).toBe('0');
    await snap(page, `heatmap-${language.lang}-${screen.size}`);

    await node.click();
    await page.getByTestId('case-list-screen').waitFor();
    await waitUntil(() => page.getByTestId('case-total').getAttribute('data-total'), (n) => n === '2', 'the case list total of 2');
    expect(await page.getByTestId('case-row').count()).toBe(2);
  });
});
