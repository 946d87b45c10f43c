/**
 * Deadline ladders in a real browser: a designer sees a task's ladder in the node panel and adds
 * a step; a supervisor sees each laddered task's next step on the deadline board, and a task that
 * climbs its ladder while the board is open turns up overdue there without a reload; the case a
 * ladder step started is a case with its own page, which links to its parent, whose page lists it.
 * In English and in Chinese, the board and the case pages at 1366×768 and at 390 px; screenshots
 * go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import en from '../../editor/src/i18n/en.json';
import zhCN from '../../editor/src/i18n/zh-CN.json';
import type { Ladder } from '../../workflows/definition/ladder-schema';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { chain, publish, startCase, taskProcess } from '../support/processes';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(240_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', text: en },
  { lang: 'zh', locale: 'zh-CN', text: zhCN },
] as const;

const PASSWORD = 'a long test password 42';
const sfx = uniqueKey('e2e').slice(4);
const KEY = `e2e-ladder-${sfx}`;
const supervisor = `sup-ladder-${sfx}`;
/** A process whose ladder starts FOLLOW_UP as a linked case an hour in (a second, at the case's timeScale). */
const LINKING = `e2e-linking-${sfx}`;
const FOLLOW_UP = `e2e-follow-up-${sfx}`;

/** Minutes-long steps in real time (a case's timeScale of 1), or hours of a second (1 / 3600). */
const LADDER: Ladder = {
  scale: '$exists(timeScale) ? timeScale : 1',
  steps: [
    { after: 'PT10M', actions: [{ do: 'notify' }] },
    { after: 'PT20M', actions: [{ do: 'reassign', group: 'district-office' }, { do: 'raisePriority', to: 5 }] },
    { after: 'PT40M', actions: [{ do: 'markOverdue' }] },
  ],
};

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let waiting: string;

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
  expect((await app.api('POST', '/api/users', { username: supervisor, password: PASSWORD, roles: ['supervisor'], orgUnits: ['qingjiangpu'] })).status).toBe(201);
  await publish(app, {
    ...chain(KEY, [
      { id: 'start', type: 'start' },
      { id: 'visit', type: 'task', title: { zh: '上门核查', en: 'Home visit' }, group: 'street', ladder: LADDER },
      { id: 'end', type: 'end' },
    ]),
    name: { zh: '时限阶梯', en: 'Ladder' },
  });
  await publish(app, taskProcess(FOLLOW_UP, 'Follow up'));
  await publish(app, chain(LINKING, [
    { id: 'start', type: 'start' },
    { id: 'report', type: 'task', title: { zh: '上报', en: 'Report' }, ladder: { scale: 'timeScale', steps: [{ after: 'PT1H', actions: [{ do: 'startSubprocess', process: FOLLOW_UP, input: {} }] }] } },
    { id: 'end', type: 'end' },
  ]));
  // A task whose next step is ten minutes away: it waits on the board for the whole test.
  waiting = `${await startCase(app, KEY, {}, { orgUnit: 'qingjiangpu' })}:visit:1`;
  await eventually(async () => ((await app.api('GET', `/api/tasks/${encodeURIComponent(waiting)}`)).status === 200 ? true : undefined), 30_000, 'the task');
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

describe.each(LANGUAGES)('in $lang', (language) => {
  test("the node panel lists the task's ladder, and a step can be added", async () => {
    const context = await browser.newContext({ viewport: SCREENS[0].viewport, locale: language.locale, extraHTTPHeaders: await app.headers() });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/#/processes/${encodeURIComponent(KEY)}`);
    await page.getByTestId('node-visit').click();
    const ladder = page.getByTestId('ladder');
    await ladder.waitFor();
    expect(await ladder.getByTestId('ladder-step').count()).toBe(3);
    expect(await page.getByTestId('ladder-1-after').inputValue()).toBe('PT20M');
    expect(await page.getByTestId('ladder-1-action-0-do').inputValue()).toBe('reassign');
    expect(await page.getByTestId('ladder-1-action-0-group').inputValue()).toBe('district-office');
    expect(await page.getByTestId('ladder-1-action-1-priority').inputValue()).toBe('5');
    expect(await ladder.locator('legend').innerText()).toBe(language.text.ladder.title);
    await page.getByTestId('ladder-add-step').click();
    expect(await ladder.getByTestId('ladder-step').count()).toBe(4);
    await page.getByTestId('ladder-3-after').fill('PT2H');
    await page.getByTestId('ladder-3-action-0-do').selectOption('markOverdue');
    await ladder.scrollIntoViewIfNeeded();
    await snap(page, `ladder-panel-${language.lang}-1366`);
  });

  test.each(SCREENS)("the board shows each task's next step, and a task climbing its ladder turns up overdue live ($size px)", async (screen) => {
    const { context, page } = await signedIn(browser, app.url, { viewport: screen.viewport, locale: language.locale, username: supervisor, password: PASSWORD });
    contexts.push(context);
    await page.getByTestId('nav-deadlines').click();
    const rowOf = (id: string) => page.getByTestId('board-row').filter({ has: page.locator(`a[href="#/tasks/${encodeURIComponent(id)}"]`) });
    const next = rowOf(waiting).getByTestId('board-next-step');
    await next.waitFor();
    expect(await next.innerText()).toContain(`${language.text.board.nextStep}: ${language.text.ladder.actions.notify}`);

    // Hours of a second: this one is overdue within seconds of opening, while the board is open.
    const climbing = `${await startCase(app, KEY, { timeScale: 1 / 3600 }, { orgUnit: 'qingjiangpu' })}:visit:1`;
    const flag = rowOf(climbing).getByTestId('board-overdue-flag');
    await waitUntil(() => flag.count(), (n) => n === 1, 'the climbing task overdue on the board', 60_000);
    expect(await flag.innerText()).toBe(language.text.board.overdueFlag);
    expect(await rowOf(climbing).getByTestId('board-next-step').count()).toBe(0);
    await snap(page, `ladder-board-${language.lang}-${screen.size}`);
  });

  test.each(SCREENS)("a linked case's page links to its parent, whose page lists it ($size px)", async (screen) => {
    const parentId = await startCase(app, LINKING, { timeScale: 1 / 3600 }, { orgUnit: 'qingjiangpu' });
    const childId = `${parentId}.report.1.ladder1-1`;
    await eventually(async () => ((await app.api('GET', `/api/cases/${childId}`)).status === 200 ? true : undefined), 60_000, 'the linked case');
    const { context, page } = await signedIn(browser, app.url, { viewport: screen.viewport, locale: language.locale, username: supervisor, password: PASSWORD });
    contexts.push(context);
    await page.goto(`${app.url}/#/cases/${encodeURIComponent(parentId)}`);
    const linked = page.getByTestId('linked-case');
    await linked.waitFor();
    expect(await page.getByTestId('case-linked').locator('h2').innerText()).toBe(language.text.casePage.linkedCases);
    expect(await linked.innerText()).toContain(FOLLOW_UP);
    await page.getByTestId('case-linked').scrollIntoViewIfNeeded();
    await snap(page, `linked-parent-${language.lang}-${screen.size}`);
    await linked.locator('a').click();
    const parent = page.getByTestId('case-parent');
    await parent.waitFor();
    expect(await parent.innerText()).toBe(parentId);
    expect(await page.locator('dt', { hasText: language.text.casePage.parentCase }).count()).toBe(1);
    await snap(page, `linked-child-${language.lang}-${screen.size}`);
    await parent.click();
    await page.getByTestId('case-linked').waitFor();
  });
});
