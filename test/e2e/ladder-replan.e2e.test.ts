/**
 * Re-planning open deadline ladders from the rule set editor, in a real browser: a supervisor who
 * may publish rule sets publishes new hours, sees how many open ladders read them (tasks, event
 * waits, timers; by org unit, as the server's preview counts them), confirms, and is told how many
 * were re-planned; the open task's ladder then runs on the new hours. A case started while the
 * dialog is open makes the counts stale: the re-plan is refused, the new counts are shown, and a
 * second confirmation goes through. In English and Chinese, at 1366×768 and 390×844; screenshots
 * go to test-results/ladder-replan-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import en from '../../editor/src/i18n/en.json';
import zhCN from '../../editor/src/i18n/zh-CN.json';
import type { RulesRuleSet } from '../../rules/ruleset-schema';
import type { Ladder } from '../../workflows/definition/ladder-schema';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(240_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', text: en },
  { lang: 'zh', locale: 'zh-CN', text: zhCN },
] as const;

const PASSWORD = 'a long test password 42';
const sfx = uniqueKey('e2e').slice(4);
const R = `e2e-visit-hours-${sfx}`;
const TASK_P = `e2e-replan-task-${sfx}`;
const EVENT_P = `e2e-replan-event-${sfx}`;
const TIMER_P = `e2e-replan-timer-${sfx}`;
/** Supervises both districts and may publish rule sets. */
const supervisor = `sup-replan-${sfx}`;

/** The rule set the ladders read: a first step after `first` hours, a second after `second`. */
const hours = (first: number, second: number): RulesRuleSet => ({
  key: R,
  name: { zh: '上门时限', en: 'Visit hours' },
  kind: 'rules',
  facts: { kind: { type: 'string' } },
  rules: [{ name: 'visit', conditions: { all: [{ fact: 'kind', operator: 'equal', value: 'visit' }] }, event: { type: 'hours', params: { first: `PT${first}H`, second: `PT${second}H` } } }],
});

/** Real hours: no step comes during the test. A task's ladder raises its priority; an event wait's and a timer's notify. */
const ladder = (task: boolean): Ladder => ({
  rules: { ruleset: R, facts: { kind: "'visit'" } },
  steps: [
    { after: { param: 'first' }, actions: [task ? { do: 'raisePriority', to: 3 } : { do: 'notify', to: { group: 'street' } }] },
    { after: { param: 'second' }, actions: [task ? { do: 'markOverdue' } : { do: 'notify', to: { group: 'street' } }] },
  ],
});

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let taskId: string;

/** The supervisor's preview, as the API answers it. */
const preview = async () => (await app.as(supervisor).api('GET', `/api/rulesets/${R}/replan-ladders`)).body;

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
  const created = await app.api('POST', '/api/users', { username: supervisor, password: PASSWORD, roles: ['supervisor', 'designer'], orgUnits: ['qingjiangpu', 'huaiyin'] });
  expect(created.status).toBe(201);
  expect((await app.api('POST', '/api/rulesets', hours(1, 48))).status).toBeLessThan(300);
  expect((await app.api('POST', `/api/rulesets/${R}/publish`, { comment: 'first hours' })).status).toBe(201);
  await publish(app, chain(TASK_P, [{ id: 'start', type: 'start' }, { id: 'visit', type: 'task', title: { zh: '上门核查', en: 'Home visit' }, group: 'street', ladder: ladder(true) }, { id: 'end', type: 'end' }]));
  await publish(app, chain(EVENT_P, [{ id: 'start', type: 'start' }, { id: 'wait', type: 'event', event: 'result', ladder: ladder(false) }, { id: 'end', type: 'end' }]));
  await publish(app, chain(TIMER_P, [{ id: 'start', type: 'start' }, { id: 'pause', type: 'timer', duration: 'P30D', ladder: ladder(false) }, { id: 'end', type: 'end' }]));
  taskId = `${await startCase(app, TASK_P, {}, { orgUnit: 'qingjiangpu' })}:visit:1`;
  await waitFor(app, await startCase(app, EVENT_P, {}, { orgUnit: 'huaiyin' }), 'running', 'wait');
  await waitFor(app, await startCase(app, TIMER_P, {}, { orgUnit: 'qingjiangpu' }), 'running', 'pause');
  await eventually(async () => ((await preview()).ladders === 3 ? true : undefined), 30_000, 'the three open ladders');
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

/** The task's ladder: the hours between its two steps. */
async function stepGapHours(): Promise<number> {
  const [first, second] = (await app.api('GET', `/api/tasks/${encodeURIComponent(taskId)}`)).body.ladder.map((s: { at: string }) => Date.parse(s.at));
  return (second - first) / 3_600_000;
}

let run = 0;

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)('after a publish, the supervisor reviews the open ladders by kind and unit and re-plans them ($size px)', async (screen) => {
    // New hours in the draft; the supervisor publishes them in the editor.
    const second = 60 + ++run;
    expect((await app.api('PUT', `/api/rulesets/${R}/draft`, hours(1, second))).status).toBeLessThan(300);
    const { context, page } = await signedIn(browser, app.url, { viewport: screen.viewport, locale: language.locale, username: supervisor, password: PASSWORD });
    contexts.push(context);
    await page.goto(`${app.url}/#/rulesets/${R}`);
    await page.getByTestId('ruleset-publish').click();
    await page.getByTestId('publish-comment').fill(`hours ${second}`);
    await page.getByTestId('publish-confirm').click();
    await page.getByTestId('publish-dialog').waitFor({ state: 'detached' });

    const expected = await preview();
    const bar = page.getByTestId('replan-open');
    await waitUntil(() => bar.innerText().catch(() => ''), (text) => text.includes(String(expected.ladders)), 'the open ladders counted under the toolbar');
    expect(await bar.innerText()).toBe(language.text.replan.open_other.replace('{{count}}', String(expected.ladders)));
    await snap(page, `ladder-replan-bar-${language.lang}-${screen.size}`);

    await page.getByTestId('replan-open-dialog').click();
    const dialog = page.getByTestId('replan-dialog');
    await dialog.waitFor();
    for (const kind of ['task', 'event', 'timer'] as const) expect(await page.getByTestId(`replan-kind-${kind}`).innerText()).toBe(String(expected.byKind[kind]));
    expect(await dialog.getByText(language.text.replan.kind.event, { exact: true }).count()).toBe(1);
    // Each unit by its name in the UI language (the tree may answer after the counts).
    const units = dialog.getByTestId('replan-unit');
    const names = language.lang === 'en' ? ['Qingjiangpu District', 'Huaiyin District'] : ['清江浦区', '淮阴区'];
    await waitUntil(() => units.allInnerTexts(), (rows) => names.every((n) => rows.some((r) => r.startsWith(n))), 'both districts by name');
    await snap(page, `ladder-replan-dialog-${language.lang}-${screen.size}`);

    // Another task opens while the dialog is shown: the counts it shows are stale, and refused.
    await startCase(app, TASK_P, {}, { orgUnit: 'qingjiangpu' });
    await eventually(async () => ((await preview()).ladders === expected.ladders + 1 ? true : undefined), 30_000, 'the new ladder counted');
    await page.getByTestId('replan-confirm').click();
    const error = page.getByTestId('replan-error');
    await error.waitFor();
    expect(await error.innerText()).toBe(language.text.replan.stale);
    await waitUntil(() => page.getByTestId('replan-kind-task').innerText(), (n) => n === String(expected.byKind.task + 1), 'the new count of tasks');
    await snap(page, `ladder-replan-stale-${language.lang}-${screen.size}`);

    await page.getByTestId('replan-confirm').click();
    const result = page.getByTestId('replan-result');
    await result.waitFor();
    const replanned = expected.ladders + 1;
    expect(await result.innerText()).toBe(language.text.replan.done_other.replace('{{count}}', String(replanned)));
    expect(await dialog.count()).toBe(0);
    // The open task now climbs the hours just published.
    expect(await stepGapHours()).toBe(second - 1);
    await snap(page, `ladder-replan-done-${language.lang}-${screen.size}`);
  });
});
