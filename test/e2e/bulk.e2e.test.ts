/**
 * A bulk cancel in a real browser, in both languages at 1366×768 and 390×844: a supervisor filters
 * the case list to a process, opens the bulk action, previews a cancel (the running cases would be
 * cancelled, the finished one skipped), runs it, watches it finish and reads the report with its
 * CSV download, kept among the recent jobs; the cases are cancelled for real. Screenshots go to test-results/ (and SHOTS_DIR).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(180_000);

const LANGUAGES = [
  {
    lang: 'en', locale: 'en-US', selected: '3 case(s) selected', finished: 'Finished',
    previewReasons: ['The case is no longer running', 'Would cancel the case', 'Would cancel the case'], reportReasons: ['Cancelled', 'Cancelled', 'The case is no longer running'],
  },
  { lang: 'zh', locale: 'zh-CN', selected: '已选中 3 个案件', finished: '已完成', previewReasons: ['将取消此案件', '将取消此案件', '案件已不在运行'], reportReasons: ['已取消', '已取消', '案件已不在运行'] },
] as const;

const PASSWORD = 'a long test password 42';
const USER = 'sup-e2e-bulk';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
  const made = await app.api('POST', '/api/users', { username: USER, password: PASSWORD, roles: ['supervisor'], orgUnits: ['qingjiangpu'] });
  expect(made.status).toBe(201);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

/** A process of its own with two cases waiting for an event and one already finished, all in the supervisor's unit. */
async function threeCases(key: string): Promise<{ waiting: string[]; finished: string }> {
  await publish(app, { ...chain(key, [{ id: 'start', type: 'start' }, { id: 'wait', type: 'event', event: 'go' }, { id: 'end', type: 'end' }]), name: { zh: `批量 ${key}`, en: `Bulk ${key}` } });
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await startCase(app, key, {}, { orgUnit: 'qingjiangpu' }));
  for (const id of ids) await waitFor(app, id, 'running', 'wait');
  expect((await app.api('POST', `/api/cases/${ids[0]}/events/go`, {})).status).toBe(202);
  await waitFor(app, ids[0], 'completed');
  await eventually(async () => ((await app.api('GET', `/api/cases?processKey=${key}&status=completed`)).body.total === 1 ? true : undefined));
  return { waiting: ids.slice(1), finished: ids[0] };
}

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('a supervisor previews and runs a bulk cancel of a filtered list and reads the report ($size px)', async (screen) => {
    const key = uniqueKey(`e2e-bulk-${language.lang}-${screen.size}`);
    const { waiting, finished } = await threeCases(key);
    const { context, page } = await signedIn(browser, app.url, { ...screen, locale: language.locale, username: USER, password: PASSWORD });
    contexts.push(context);
    await page.goto(`${app.url}/#/cases?processKey=${key}`);
    await page.getByTestId('case-list-screen').waitFor();
    await waitUntil(() => page.getByTestId('case-row').count(), (n) => n === 3, 'the three cases listed');

    await page.getByTestId('bulk-open').click();
    const dialog = page.getByTestId('bulk-dialog');
    await dialog.waitFor();
    await page.getByTestId('bulk-kind').selectOption('cancel');
    await page.getByTestId('bulk-text').fill('round closed by the district');
    await page.getByTestId('bulk-rate').fill('20');
    await page.getByTestId('bulk-preview-button').click();
    const preview = page.getByTestId('bulk-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain(language.selected);
    const outcomes = await page.getByTestId('bulk-sample-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(outcomes.sort()).toEqual(['act', 'act', 'skip']);
    // Each case's reason in the UI language (worded from its code), never the server's English words.
    const reasons = (row: string) => page.getByTestId(row).locator('.bulk-reason').allInnerTexts();
    expect((await reasons('bulk-sample-row')).sort()).toEqual([...language.previewReasons].sort());
    if (language.lang === 'zh') expect((await reasons('bulk-sample-row')).filter((r) => /[A-Za-z]/.test(r))).toEqual([]);
    await snap(page, `bulk-preview-${language.lang}-${screen.size}`);

    await page.getByTestId('bulk-run').click();
    const progress = page.getByTestId('bulk-progress');
    await waitUntil(() => progress.getAttribute('data-status'), (s) => s === 'completed', 'the job to finish', 60_000);
    expect(await progress.innerText()).toContain(language.finished);
    expect(await page.getByTestId('bulk-count-done').getAttribute('data-count')).toBe('2');
    expect(await page.getByTestId('bulk-count-skipped').getAttribute('data-count')).toBe('1');
    await waitUntil(() => page.getByTestId('bulk-report-row').count(), (n) => n === 3, 'the report rows');
    const report = await page.getByTestId('bulk-report-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
    expect(report.sort()).toEqual(['done', 'done', 'skipped']);
    expect((await reasons('bulk-report-row')).sort()).toEqual([...language.reportReasons].sort());
    if (language.lang === 'zh') expect((await reasons('bulk-report-row')).filter((r) => /[A-Za-z]/.test(r))).toEqual([]);
    await snap(page, `bulk-report-${language.lang}-${screen.size}`);

    // The download link gives the CSV, one line per case, with the session's cookie.
    const href = await page.getByTestId('bulk-download').getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(csv.trim().split('\r\n')).toHaveLength(4);
    expect(csv).toContain(`${finished},skipped,the case is completed`);

    for (const id of waiting) await waitFor(app, id, 'cancelled');

    // The report is kept: reopened, the dialog lists the job with its counts and its CSV.
    await page.getByTestId('bulk-close').click();
    await page.getByTestId('bulk-open').click();
    await page.getByTestId('bulk-recent').locator('summary').click();
    const recent = page.getByTestId('bulk-recent-job').filter({ has: page.locator(`a[href="${href}"]`) });
    await recent.waitFor();
    await snap(page, `bulk-recent-${language.lang}-${screen.size}`);
  });
});
