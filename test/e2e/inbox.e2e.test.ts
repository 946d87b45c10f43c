/**
 * The inbox and the task page in a real browser against the real platform: an operator of
 * Qingjiangpu in the visitors' group finds the group's task in the inbox (tab counts shown),
 * opens it, claims it, fills its form (rendered from the task's JSON Schema), completes it, and
 * the case moves on to its next step. Done on a 390-px phone screen and at 1366×768, in English
 * and in Chinese; the case's ID number is shown masked beside the form. Screenshots of the inbox
 * and the task page go to test-results/ and /tmp/shots/tasks/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { chain, publish, startCase } from '../support/processes';
import en from '../../editor/src/i18n/en.json';
import zhCN from '../../editor/src/i18n/zh-CN.json';
import { launchChromium, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');
const SHOTS = '/tmp/shots/tasks';

jest.setTimeout(240_000);

const SCREENS = [
  { size: '390', viewport: { width: 390, height: 844 } },
  { size: '1366', viewport: { width: 1366, height: 768 } },
] as const;
const LANGUAGES = [
  { lang: 'en', locale: 'en-US', done: en.taskPage.completed },
  { lang: 'zh', locale: 'zh-CN', done: zhCN.taskPage.completed },
] as const;

const PASSWORD = 'a long test password 42';
const ID_NUMBER = '320803199001011234';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sfx = uniqueKey('e2e').slice(4);
const processKey = `e2e-visit-${sfx}`;
const group = `visitors-${sfx}`;
const operator = `op-visit-${sfx}`;

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
  const res = await app.api('POST', '/api/users', { username: operator, password: PASSWORD, roles: ['operator'], orgUnits: ['qingjiangpu'], groups: [group] });
  if (res.status !== 201) throw new Error(`creating ${operator}: ${res.status} ${JSON.stringify(res.body)}`);
  await publish(app, {
    ...chain(
      processKey,
      [
        { id: 'start', type: 'start' },
        {
          id: 'visit',
          type: 'task',
          title: { zh: '上门核查', en: 'Home visit' },
          group,
          deadline: 'PT3H',
          form: {
            type: 'object',
            required: ['visited', 'temperature'],
            properties: { visited: { type: 'boolean', title: 'Visited' }, temperature: { type: 'number', title: 'Temperature', minimum: 34, maximum: 43 }, note: { type: 'string', title: 'Note', maxLength: 200 } },
          },
          output: 'visit',
        },
        { id: 'report', type: 'task', title: { zh: '上报结果', en: 'Report the result' } },
        { id: 'end', type: 'end' },
        { id: 'late', type: 'end', outcome: 'late' },
      ],
      [{ from: 'visit', to: 'late', on: 'timeout' }],
    ),
    name: { zh: '入境人员上门核查', en: 'Arrival home visit' },
    variables: { type: 'object', properties: { idNumber: { type: 'string', 'x-pii': 'id-number' }, address: { type: 'string' } } },
  } as ReturnType<typeof chain>);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

async function shot(page: Page, name: string): Promise<void> {
  await snap(page, name);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('an operator claims the task from the inbox, fills its form, completes it, and the case moves on ($size px)', async (screen) => {
    const caseId = await startCase(app, processKey, { idNumber: ID_NUMBER, address: 'Qinghe Road 12' }, { orgUnit: 'qingjiangpu' });
    const taskId = `${caseId}:visit:1`;
    await eventually(async () => ((await app.api('GET', `/api/tasks/${encodeURIComponent(taskId)}`)).status === 200 ? true : undefined), 30_000, 'the task');

    const context = await browser.newContext({ viewport: screen.viewport, locale: language.locale });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('sign-in-username').fill(operator);
    await page.getByTestId('sign-in-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('inbox-screen').waitFor();
    await page.getByTestId('inbox-tab-groups').click();
    await page.getByTestId('inbox-filter-process').selectOption(processKey);
    const row = page.locator(`[data-testid="inbox-row"][data-task-id="${taskId}"]`);
    await row.waitFor();
    await waitUntil(() => page.getByTestId('inbox-count-groups').innerText(), (n) => Number(n) >= 1, 'the group count');
    expect(await row.getByTestId('countdown').getAttribute('data-state')).toBe('later');
    await shot(page, `inbox-${language.lang}-${screen.size}`);

    await row.getByTestId('inbox-open').click();
    await page.getByTestId('task-page').waitFor();
    await page.getByTestId('task-case-facts').waitFor();
    const text = await page.locator('body').innerText();
    // The case beside the form, as the API answers an operator: the ID number masked.
    expect(text).toContain('320803********1234');
    expect(text).not.toContain(ID_NUMBER);
    expect(text).toContain('Qinghe Road 12');
    await page.getByTestId('task-claim').click();
    await page.getByTestId('task-unclaim').waitFor();
    expect(await page.getByTestId('task-holder').innerText()).toBe(operator);
    await page.locator('#root_visited').check();
    await page.locator('#root_temperature').fill('36.8');
    await page.locator('#root_note').fill('Seen at home, no symptoms');
    await page.getByTestId('task-comment-text').fill('Called ahead, visited at 10:00');
    await page.getByTestId('task-comment-send').click();
    await page.getByTestId('task-comments').getByText('Called ahead, visited at 10:00').waitFor();
    await shot(page, `task-${language.lang}-${screen.size}`);

    await page.getByTestId('task-complete').click();
    await waitUntil(() => page.getByTestId('task-page').getAttribute('data-status'), (s) => s === 'completed', 'the task completed');
    expect(await page.getByTestId('task-message').innerText()).toBe(language.done);
    await page.getByTestId('task-history').getByText(operator).first().waitFor();
    await shot(page, `task-done-${language.lang}-${screen.size}`);

    // The case took the form's data and waits at its next step.
    const state = await eventually(async () => {
      const c = (await app.api('GET', `/api/cases/${caseId}`)).body;
      return c.activeNodes?.includes('report') ? c : undefined;
    }, 20_000, 'the case at its next step');
    expect(state.variables.visit).toEqual({ visited: true, temperature: 36.8, note: 'Seen at home, no symptoms' });
    expect((await app.api('GET', `/api/tasks/${encodeURIComponent(taskId)}`)).body).toMatchObject({ status: 'completed', completedBy: operator });
  });
});

test('a supervisor assigns a task to an official from the task page on a phone; the official has it in their inbox', async () => {
  const supervisor = `sup-visit-${sfx}`;
  const made = await app.api('POST', '/api/users', { username: supervisor, password: PASSWORD, roles: ['supervisor'], orgUnits: ['qingjiangpu'] });
  expect(made.status).toBe(201);
  const caseId = await startCase(app, processKey, { idNumber: ID_NUMBER, address: 'Qinghe Road 14' }, { orgUnit: 'qingjiangpu' });
  const taskId = `${caseId}:visit:1`;
  await eventually(async () => ((await app.api('GET', `/api/tasks/${encodeURIComponent(taskId)}`)).status === 200 ? true : undefined), 30_000, 'the task');
  const context = await browser.newContext({ viewport: SCREENS[0].viewport, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByTestId('sign-in-username').fill(supervisor);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('current-user').waitFor();
  await page.goto(`${app.url}/#/tasks/${encodeURIComponent(taskId)}`);
  await page.getByTestId('task-page').waitFor();
  await page.getByTestId('task-assign-name').fill(operator);
  await page.getByTestId('task-assign').click();
  await waitUntil(() => page.getByTestId('task-holder').innerText(), (h) => h === operator, 'the new holder');
  await page.getByTestId('task-history').getByText(supervisor).first().waitFor();
  await shot(page, 'task-assign-en-390');
  const mine = await app.as(operator).api('GET', `/api/tasks?tab=mine&processKey=${processKey}`);
  expect(mine.body.map((t: { id: string }) => t.id)).toContain(taskId);
});

describe('the deadline board', () => {
  const supervisor = `sup-board-${sfx}`;
  const board = `e2e-board-${sfx}`;
  let overdue: string;
  let soon: string;

  beforeAll(async () => {
    expect((await app.api('POST', '/api/users', { username: supervisor, password: PASSWORD, roles: ['supervisor'], orgUnits: ['qingjiangpu'] })).status).toBe(201);
    // Due in a second (overdue at once; the deadline opens a chase task and this one stays open) and in 30 minutes.
    for (const [key, deadline] of [[`${board}-late`, 'PT1S'], [`${board}-soon`, 'PT30M']]) {
      await publish(app, {
        ...chain(
          key,
          [
            { id: 'start', type: 'start' },
            { id: 'respond', type: 'task', title: { zh: '响应核查', en: 'Respond' }, deadline },
            { id: 'end', type: 'end' },
            { id: 'chase', type: 'task', title: { zh: '催办', en: 'Chase' } },
            { id: 'chased', type: 'end' },
          ],
          [{ from: 'respond', to: 'chase', on: 'timeout' }],
        ),
        name: { zh: '时限看板', en: 'Board' },
      });
    }
    overdue = `${await startCase(app, `${board}-late`, {}, { orgUnit: 'qingjiangpu' })}:respond:1`;
    soon = `${await startCase(app, `${board}-soon`, {}, { orgUnit: 'qingjiangpu' })}:respond:1`;
    await eventually(async () => {
      const res = await app.api('GET', '/api/deadlines');
      const ids = (res.body.units ?? []).flatMap((u: { tasks: { id: string; bucket: string }[] }) => u.tasks.map((t) => `${t.id}=${t.bucket}`));
      return ids.includes(`${overdue}=overdue`) && ids.includes(`${soon}=nextHour`) ? true : undefined;
    }, 30_000, 'both tasks on the board');
  });

  describe.each(LANGUAGES)('in $lang', (language) => {
    test.each(SCREENS)("a supervisor sees Qingjiangpu's overdue and next-hour tasks in their colours ($size px)", async (screen) => {
      const context = await browser.newContext({ viewport: screen.viewport, locale: language.locale });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByTestId('sign-in-username').fill(supervisor);
      await page.getByTestId('sign-in-password').fill(PASSWORD);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('nav-deadlines').click();
      const unit = page.locator('[data-testid="board-unit"][data-unit="qingjiangpu"]');
      await unit.waitFor();
      for (const [id, bucket] of [[overdue, 'overdue'], [soon, 'nextHour']]) {
        const row = unit.locator(`li.board-${bucket}`).filter({ has: page.locator(`a[href="#/tasks/${encodeURIComponent(id)}"]`) });
        await row.waitFor();
      }
      await shot(page, `board-${language.lang}-${screen.size}`);
    });
  });
});
