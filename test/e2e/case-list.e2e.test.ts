/**
 * The case list in a real browser, in both languages at 1366×768 and 390×844: an operator finds
 * a person's case by business key, narrows the list to the cases at a node of one process, and
 * reads the total; facts are labelled in the page's language, not by variable names. Screenshots
 * go to test-results/ (and to SHOTS_DIR when set).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { publish, startCase, taskProcess } from '../support/processes';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(180_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', idLabel: 'ID number', portLabel: 'Port of entry', total: '3 cases', atCheck: 'Check' },
  { lang: 'zh', locale: 'zh-CN', idLabel: '证件号码', portLabel: '入境口岸', total: '共 3 件', atCheck: '核查' },
] as const;

const PASSWORD = 'a long test password 42';
const IDS = ['320803199101011234', '320803198606064321', '320803197703035678'];

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const processKey = uniqueKey('e2e-list');
const cases: string[] = [];

async function openCases(screen: (typeof SCREENS)[number], language: (typeof LANGUAGES)[number]): Promise<Page> {
  const { context, page } = await signedIn(browser, app.url, { ...screen, locale: language.locale, username: 'op-e2e-list', password: PASSWORD });
  contexts.push(context);
  await page.getByTestId('nav-cases').click();
  await page.getByTestId('case-list-screen').waitFor();
  await waitUntil(() => page.getByTestId('case-filter-process').locator(`option[value="${processKey}"]`).count(), (n) => n === 1, 'the process in the filter');
  await page.getByTestId('case-filter-process').selectOption(processKey);
  await waitUntil(() => page.getByTestId('case-total').getAttribute('data-total'), (n) => n === '3', 'the total of 3');
  await waitUntil(() => page.getByTestId('case-data').allInnerTexts(), (texts) => texts.length === 3 && texts.every((t) => t !== '…'), 'the case data');
  return page;
}

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
  await publish(app, {
    ...taskProcess(processKey),
    name: { zh: '入境人员核查', en: 'Arrival check' },
    variables: {
      type: 'object',
      properties: { idNumber: { type: 'string', 'x-pii': 'id-number' }, name: { type: 'string', 'x-pii': 'name' }, port: { type: 'string' } },
    },
  } as ReturnType<typeof taskProcess>);
  for (const [i, idNumber] of IDS.entries()) {
    cases.push(await startCase(app, processKey, { idNumber, name: ['张三', '李四', '王五'][i], port: 'Lianshui airport' }, { businessKey: idNumber, orgUnit: 'qingjiangpu' }));
  }
  // One case moves on (once its task is open): it is no longer at the task.
  await eventually(async () => (await app.api('POST', `/api/tasks/${encodeURIComponent(`${cases[2]}:check:1`)}/complete`, { data: { note: 'ok' } })).status === 200 || undefined);
  await eventually(async () => {
    const page = await app.api('GET', `/api/cases?processKey=${processKey}&status=completed`);
    return page.body.total === 1 || undefined;
  });
  const made = await app.api('POST', '/api/users', { username: 'op-e2e-list', password: PASSWORD, roles: ['operator'], orgUnits: ['qingjiangpu'] });
  expect(made.status).toBe(201);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('an operator finds a case by business key and the cases at a node, with labelled facts and the total ($size px)', async (screen) => {
    const page = await openCases(screen, language);
    expect(await page.getByTestId('case-total').innerText()).toContain(language.total);
    const text = await page.locator('body').innerText();
    expect(text).toContain(language.idLabel);
    expect(text).toContain(language.portLabel);
    expect(text).not.toMatch(/\bidNumber\b/);
    await snap(page, `cases-list-${language.lang}-${screen.size}`);

    await page.getByTestId('case-filter-business-key').fill(IDS[1]);
    await page.getByTestId('case-filter-search').click();
    await waitUntil(() => page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id'))), (ids) => ids.length === 1 && ids[0] === cases[1], 'the one case of that key');
    expect(await page.getByTestId('case-at').innerText()).toBe(language.atCheck);
    await page.getByTestId('case-filter-business-key').fill('');
    await page.getByTestId('case-filter-search').click();

    await page.getByTestId('case-filter-more').click();
    await waitUntil(() => page.getByTestId('case-filter-node').locator('option[value="check"]').count(), (n) => n === 1, 'the node choices');
    await page.getByTestId('case-filter-node').selectOption('check');
    await waitUntil(() => page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')).sort()), (ids) => JSON.stringify(ids) === JSON.stringify([cases[0], cases[1]].sort()), 'the two cases at check');
    await waitUntil(() => page.getByTestId('case-total').getAttribute('data-total'), (n) => n === '2', 'the total of 2');
    await snap(page, `cases-filtered-${language.lang}-${screen.size}`);
  });
});
