/**
 * The duty screen in a real browser, in both languages at 1366×768 and 390×844 (policy 25:
 * 领导干部到岗带班、关键岗位24小时值班): a district supervisor opens Duty from the navigation, picks a
 * unit of their district, sees who is on duty now, adds a staff shift on a day of next week in the
 * dialog and sees it in that day, is refused a second staff shift overlapping it (the API's 409
 * shown in the dialog), and reads the week's gaps (policy 27). The week is seven columns on the
 * office screen and a list of days on a phone. The deadline board shows who is on duty in the
 * unit beside its task due today. Screenshots go to test-results/ (and SHOTS_DIR).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { chain, publish } from '../support/processes';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(180_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', nav: 'Duty', leader: 'Leader on duty', staff: 'Staff on duty', overlap: 'overlaps another shift of the same duty (Staff on duty)' },
  { lang: 'zh', locale: 'zh-CN', nav: '值班值守', leader: '带班领导', staff: '值班人员', overlap: '时间重叠' },
] as const;

const PASSWORD = 'a long test password 42';
const sfx = uniqueKey('e2e-duty').slice(9);
const SUPERVISOR = `duty-sup-${sfx}`;
const UNIT = `e2e-duty-${sfx}`;
const LEADER = `duty-lead-${sfx}`;
const STAFF = `duty-staff-${sfx}`;

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function openDuty(screen: (typeof SCREENS)[number], language: (typeof LANGUAGES)[number]): Promise<Page> {
  const { context, page } = await signedIn(browser, app.url, { ...screen, locale: language.locale, username: SUPERVISOR, password: PASSWORD });
  contexts.push(context);
  const nav = page.getByTestId('nav-duty');
  expect(await nav.innerText()).toBe(language.nav);
  await nav.click();
  await page.getByTestId('duty-screen').waitFor();
  await waitUntil(() => page.getByTestId('duty-unit').locator(`option[value="${UNIT}"]`).count(), (n) => n === 1, 'the unit among the choices');
  await page.getByTestId('duty-unit').selectOption(UNIT);
  return page;
}

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
  expect((await app.api('POST', '/api/org-units', { id: UNIT, parentId: 'qingjiangpu', name: { zh: '清河街道值班室', en: 'Qinghe street duty office' } })).status).toBe(201);
  expect((await app.api('POST', '/api/users', { username: SUPERVISOR, password: PASSWORD, roles: ['supervisor'], orgUnits: [UNIT] })).status).toBe(201);
  for (const [username, displayName] of [[LEADER, '王主任'], [STAFF, '李值班']]) {
    expect((await app.api('POST', '/api/users', { username, password: PASSWORD, displayName, roles: ['operator'], orgUnits: [UNIT] })).status).toBe(201);
  }
  // A task of the unit due within the hour, so the unit is on the deadline board.
  const key = `e2e-duty-board-${sfx}`;
  await publish(
    app,
    chain(
      key,
      [
        { id: 'start', type: 'start' },
        { id: 'answer', type: 'task', title: { zh: '值班接报', en: 'Take the report' }, deadline: 'PT50M' },
        { id: 'end', type: 'end' },
        { id: 'late', type: 'end' },
      ],
      [{ from: 'answer', to: 'late', on: 'timeout' }],
    ),
  );
  const started = await app.api('POST', '/api/cases', { processKey: key, input: {}, orgUnit: UNIT });
  expect(started.status).toBe(201);
  await eventually(async () => (await app.api('GET', `/api/tasks?caseId=${started.body.caseId}&status=open`)).body[0], 30_000, 'the task');
  // The leader is on duty from an hour ago to three hours on, whatever the time of day.
  const now = Date.now();
  const on = await app.api('POST', '/api/duty/shifts', { orgUnit: UNIT, username: LEADER, role: 'leader', startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 3 * 3600_000).toISOString(), note: '8001' });
  expect(on.status).toBe(201);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('a supervisor sees who is on duty, adds a staff shift, is refused an overlapping one, and reads the gaps ($size px)', async (screen) => {
    const page = await openDuty(screen, language);
    const now = page.getByTestId('duty-now');
    await waitUntil(() => now.innerText(), (text) => text.includes('王主任'), 'the leader on duty now');
    expect(await now.innerText()).toContain(language.leader);
    await snap(page, `duty-now-${language.lang}-${screen.size}`);

    // Next week, a day of this run's own (Monday to Thursday), so runs never overlap one another.
    await page.getByTestId('duty-next').click();
    const days = page.getByTestId('duty-day');
    await waitUntil(() => days.count(), (n) => n === 7, 'seven days');
    const index = LANGUAGES.indexOf(language) * 2 + SCREENS.indexOf(screen);
    const day = (await days.nth(index).getAttribute('data-day'))!;
    await page.getByTestId(`duty-add-${day}`).click();
    await page.getByTestId('shift-username').fill(STAFF);
    await page.getByTestId('shift-role-staff').check();
    expect(await page.getByTestId('shift-starts').inputValue()).toBe(`${day}T08:00`);
    await page.getByTestId('shift-note').fill('ext. 8002');
    await snap(page, `duty-dialog-${language.lang}-${screen.size}`);
    await page.getByTestId('shift-save').click();
    await page.getByTestId('shift-dialog').waitFor({ state: 'detached' });
    const added = page.locator(`[data-testid="duty-day"][data-day="${day}"] [data-testid="duty-shift"]`);
    await waitUntil(() => added.count(), (n) => n === 1, 'the new shift in its day');
    expect(await added.innerText()).toContain('李值班');
    expect(await added.innerText()).toContain(language.staff);
    expect(await added.innerText()).toContain('08:00–20:00');

    // A second staff member from noon the same day overlaps: the dialog shows the refusal and the roster is unchanged.
    await page.getByTestId(`duty-add-${day}`).click();
    await page.getByTestId('shift-username').fill(LEADER);
    await page.getByTestId('shift-starts').fill(`${day}T12:00`);
    await page.getByTestId('shift-save').click();
    const refusal = page.getByTestId('shift-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(language.overlap);
    await snap(page, `duty-overlap-${language.lang}-${screen.size}`);
    await page.getByRole('button', { name: language.lang === 'en' ? 'Cancel' : '取消' }).click();
    expect(await added.count()).toBe(1);

    // The week's gaps: nobody is on duty for most of next week.
    const gaps = page.getByTestId('duty-gap-nobody');
    await waitUntil(() => gaps.innerText(), (text) => /\d/.test(text), 'the gap hours');
    expect(await page.getByTestId('duty-gap').count()).toBeGreaterThan(0);

    // Seven columns on the office screen; one day under another on a phone.
    const [first, second] = [await days.nth(0).boundingBox(), await days.nth(1).boundingBox()];
    if (screen.size === '1366') expect(Math.abs(first!.y - second!.y)).toBeLessThan(2);
    else expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
    // Nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(screen.viewport.width);
    await snap(page, `duty-week-${language.lang}-${screen.size}`);

    // The deadline board names who is on duty where the task is due.
    await page.getByTestId('nav-deadlines').click();
    const duty = page.locator(`[data-testid="board-unit"][data-unit="${UNIT}"] [data-testid="board-duty"]`);
    await duty.waitFor();
    expect(await duty.innerText()).toContain(`王主任 (${language.leader})`);
    await snap(page, `duty-board-${language.lang}-${screen.size}`);
  });
});
