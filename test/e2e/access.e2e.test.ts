/**
 * Sign-in and what each role sees, in a real browser against the real platform: an operator
 * of one district sees that district's cases only, their ID numbers masked; a designer sees
 * processes and rule sets but no case data; an auditor reads the audit log; sign-out and a
 * refused sign-in return to the sign-in page. Screenshots at 1366×768 and 390×844 in both
 * languages go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, uniqueKey, type TestApp } from '../support/app';
import { publish, startCase, taskProcess } from '../support/processes';
import { launchChromium, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(180_000);

const SCREENS = [
  { size: '1366', viewport: { width: 1366, height: 768 } },
  { size: '390', viewport: { width: 390, height: 844 } },
] as const;
const LANGUAGES = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'zh', locale: 'zh-CN' },
] as const;

const PASSWORD = 'a long test password 42';
const ID_IN_DISTRICT = ['320803199001011234', '320803198505054321'];
const ID_ELSEWHERE = '320804197707077777';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const processKey = uniqueKey('e2e-pii');
const districtCases: string[] = [];
let elsewhereCase: string;

/** An account that signs in with a password, made by the administrator through the API. */
async function account(username: string, roles: string[], orgUnits: string[] = []) {
  const res = await app.api('POST', '/api/users', { username, password: PASSWORD, roles, orgUnits });
  if (res.status !== 201) throw new Error(`creating ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

async function openPage(screen: (typeof SCREENS)[number] = SCREENS[0], language: (typeof LANGUAGES)[number] = LANGUAGES[0]): Promise<Page> {
  const context = await browser.newContext({ viewport: screen.viewport, locale: language.locale });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByTestId('sign-in').waitFor();
  return page;
}

async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/** The page's text, for asserting what a user can and cannot read on it. */
const pageText = (page: Page) => page.locator('body').innerText();

/** The case list filtered to this file's process, once its rows and their data have loaded. */
async function showCases(page: Page, rows: number): Promise<void> {
  await page.getByTestId('nav-cases').click();
  await page.getByTestId('case-list-screen').waitFor();
  await waitUntil(() => page.getByTestId('case-filter-process').locator(`option[value="${processKey}"]`).count(), (n) => n === 1, 'the process in the filter');
  await page.getByTestId('case-filter-process').selectOption(processKey);
  // The list comes from Temporal's visibility store, which a loaded machine answers slowly.
  await waitUntil(() => page.getByTestId('case-row').count(), (n) => n === rows, `${rows} case rows`, 40_000);
  await waitUntil(() => page.getByTestId('case-data').allInnerTexts(), (texts) => texts.every((t) => t !== '…'), 'the case data');
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
  for (const [i, idNumber] of ID_IN_DISTRICT.entries()) {
    districtCases.push(await startCase(app, processKey, { idNumber, name: i ? '李四' : '张三', port: 'Lianshui airport' }, { businessKey: idNumber, orgUnit: 'qingjiangpu' }));
  }
  elsewhereCase = await startCase(app, processKey, { idNumber: ID_ELSEWHERE, name: '王五', port: 'Huaiyin station' }, { businessKey: ID_ELSEWHERE, orgUnit: 'huaiyin' });
  await account('op-qingjiangpu', ['operator'], ['qingjiangpu']);
  await account('designer-e2e', ['designer']);
  await account('auditor-e2e', ['auditor']);
  for (const { lang } of LANGUAGES) await account(`locked-${lang}`, ['operator'], ['qingjiangpu']);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('an operator of Qingjiangpu signs in and sees only its cases, ID numbers masked ($size px)', async (screen) => {
    const page = await openPage(screen, language);
    await snap(page, `access-sign-in-${language.lang}-${screen.size}`);
    await signIn(page, 'op-qingjiangpu');
    await page.getByTestId('current-user').waitFor();
    await showCases(page, 2);
    const shown = await page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
    expect(shown.sort()).toEqual([...districtCases].sort());
    const text = await pageText(page);
    // Masked as the API masks an ID number (first six and last four kept), never in clear; the other district's case is not there.
    expect(text).toContain('320803********1234');
    expect(text).toContain('320803********4321');
    for (const id of [...ID_IN_DISTRICT, ID_ELSEWHERE]) expect(text).not.toContain(id);
    expect(text).not.toContain('张三');
    expect(text).toContain('Lianshui airport');
    expect(text).not.toContain('Huaiyin station');
    expect(shown).not.toContain(elsewhereCase);
    expect(text).toContain(language.lang === 'zh' ? '清江浦区' : 'Qingjiangpu District');
    // An operator reads processes but changes none, and has no audit log.
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await snap(page, `access-cases-operator-${language.lang}-${screen.size}`);
  });
});

test('a designer sees processes and rule sets, but no case list and no test-run panel', async () => {
  const page = await openPage();
  await signIn(page, 'designer-e2e');
  await page.getByTestId('process-list').waitFor();
  await page.getByRole('heading', { name: 'Rule sets' }).waitFor();
  expect(await page.getByTestId('nav-cases').count()).toBe(0);
  expect(await page.getByTestId('new-process').count()).toBe(1);
  await snap(page, 'access-designer-en-1366');
  await page.getByTestId(`row-${processKey}`).getByRole('link', { name: 'Arrival check' }).click();
  await page.getByTestId('node-check').waitFor();
  expect(await page.getByTestId('tab-properties').count()).toBe(1);
  expect(await page.getByTestId('tab-run').count()).toBe(0);
  expect(await page.getByTestId('save-draft').count()).toBe(1);
  // A case list typed into the address bar is refused by the app, and the API answers the designer 403 besides.
  await page.goto(`${app.url}/#/cases`);
  await page.getByTestId('no-access').waitFor();
  const status = await page.evaluate(() => fetch('/api/cases').then((r) => r.status));
  expect(status).toBe(403);
});

test('an operator opens a process read-only: no save or publish', async () => {
  const page = await openPage();
  await signIn(page, 'op-qingjiangpu');
  await page.getByTestId(`row-${processKey}`).getByRole('link', { name: 'Arrival check' }).click();
  await page.getByTestId('node-check').waitFor();
  await page.getByTestId('read-only').waitFor();
  expect(await page.getByTestId('save-draft').count()).toBe(0);
  expect(await page.getByTestId('publish').count()).toBe(0);
  expect(await page.getByTestId('new-process').count()).toBe(0);
});

describe.each(LANGUAGES)('the audit log in $lang', (language) => {
  test.each(SCREENS)('an auditor reads it, filtered, without a way to change anything ($size px)', async (screen) => {
    const page = await openPage(screen, language);
    await signIn(page, 'auditor-e2e');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-list').waitFor();
    await page.getByTestId('audit-filter-key').fill(processKey);
    await page.getByTestId('audit-apply').click();
    await waitUntil(() => page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))), (a) => a.join() === 'publish,create', 'the process rows');
    expect(await page.getByTestId('new-process').count()).toBe(0);
    await snap(page, `access-audit-${language.lang}-${screen.size}`);
  });
});

test.each(LANGUAGES)('a wrong password and a locked account are told in $lang on the sign-in page', async (language) => {
  const page = await openPage(SCREENS[1], language);
  await signIn(page, 'op-qingjiangpu', 'not the password at all');
  await page.getByTestId('sign-in-error').waitFor();
  expect(await page.getByTestId('sign-in-error').innerText()).toBe(language.lang === 'zh' ? '用户名或密码错误。' : 'Wrong username or password.');
  await snap(page, `access-sign-in-refused-${language.lang}-390`);
  // Five failures in a row lock the account (LOGIN_MAX_FAILURES): the page says so and for how long.
  for (let i = 0; i < 5; i++) await app.anonymous.api('POST', '/api/auth/login', { username: `locked-${language.lang}`, password: 'wrong password' });
  await signIn(page, `locked-${language.lang}`);
  await waitUntil(() => page.getByTestId('sign-in-error').innerText(), (text) => text !== (language.lang === 'zh' ? '用户名或密码错误。' : 'Wrong username or password.'), 'the lockout message');
  expect(await page.getByTestId('sign-in-error').innerText()).toBe(
    language.lang === 'zh' ? '登录失败次数过多，账号已锁定，请 15 分钟后再试。' : 'Too many failed sign-ins: this account is locked. Try again in 15 minutes.',
  );
  await snap(page, `access-sign-in-locked-${language.lang}-390`);
});

test('sign-out returns to the sign-in page, and the session is gone', async () => {
  const page = await openPage();
  await signIn(page, 'op-qingjiangpu');
  await page.getByTestId('current-user').waitFor();
  expect(await page.getByTestId('current-user').innerText()).toBe('op-qingjiangpu');
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in').waitFor();
  await page.reload();
  await page.getByTestId('sign-in').waitFor();
  expect(await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status))).toBe(401);
});

test('a session that ends brings the sign-in page up over the screen; signing in again carries on', async () => {
  const page = await openPage();
  await signIn(page, 'op-qingjiangpu');
  await showCases(page, 2);
  // The session ends elsewhere (sign-out in another tab): the next request is a 401.
  await page.evaluate(async () => {
    const me = await fetch('/api/auth/me').then((r) => r.json() as Promise<{ csrfToken: string }>);
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: '{}' });
  });
  await page.getByTestId('case-filter-status').selectOption('running');
  await page.getByTestId('sign-in').waitFor();
  expect(await pageText(page)).toContain('Your session has ended');
  await signIn(page, 'op-qingjiangpu');
  await page.getByTestId('sign-in').waitFor({ state: 'detached' });
  expect(await page.getByTestId('case-list-screen').count()).toBe(1);
});
