/**
 * The case page in a real browser, in both languages at 1366×768 and 390×844: an operator opens a
 * person's case from the list, reads why the rules sent them to centralized quarantine (the rule's
 * conditions marked passed or failed, with the rule set version), sees the case waiting with an
 * incident at the site booking (no room), and once a room is free retries it; then tells the case the
 * person has checked in (send an event, its payload a form from the event's schema) and the case
 * completes. A supervisor sees a case's timers on the page and the graph, the notice it sent and the
 * event it received (masked), dry-runs a migration (refused, then safe with a node mapping) and runs
 * it, and cancels the case with a reason; an auditor reads the case's audit trail. A case no worker
 * answers for is drawn from its record: where it waits and its path, its variables said unreadable;
 * a case whose code cannot replay says that instead.
 * Screenshots go to test-results/ (and to SHOTS_DIR when set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';
import { defineActivity } from '../../engine/activities/define';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { PROCESS_WORKFLOW_TYPE } from '../../workflows/process-workflow';
import { OrgUnitAttr, ProcessKeyAttr, ProcessVersionAttr } from '../../workflows/search-attributes';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';
import { publishRuleSet } from '../support/rules';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(240_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', limitBroken: 'An expression of this step spent more than its budget', why: 'Why', ruleSet: 'version 1', incident: 'no room at the quarantine site', retry: 'Retry', completed: 'Completed', cancelled: 'Cancelled', required: 'Required',
    terminated: 'Terminated', unreadableLine: 'Cannot be read: see the note above.',
    unreadable: "This case's variables and timers cannot be read: its workflow code does not replay (see its raw history). Its status, current steps and path are from its record." },
  { lang: 'zh', locale: 'zh-CN', limitBroken: '此步骤的表达式超出了计算预算', why: '原因', ruleSet: '版本 1', incident: 'no room at the quarantine site', retry: '重试', completed: '已完成', cancelled: '已取消', required: '必填',
    terminated: '已终止', unreadableLine: '无法读取：见上方说明。',
    unreadable: '无法读取该案例的变量和计时器：其流程代码无法重放（见原始历史）。状态、当前节点和路径来自案例记录。' },
] as const;

const PASSWORD = 'a long test password 43';
const OPERATOR = 'op-e2e-case';
const SUPERVISOR = 'sup-e2e-case';
const AUDITOR = 'aud-e2e-case';

/** The quarantine site's booking system: full until the test frees a room. */
let siteFull = true;
const siteBooking = defineActivity({
  name: 'testSiteBooking',
  title: { zh: '预订隔离房间', en: 'Book a quarantine room' },
  description: { zh: '测试用', en: 'Refuses while the site is full' },
  category: 'test',
  input: z.object({}),
  output: z.object({ room: z.string() }),
  timeout: 'PT10S',
  retry: { maxAttempts: 1, initialInterval: 'PT1S', backoff: 1 },
  async handler() {
    if (siteFull) throw ApplicationFailure.nonRetryable('no room at the quarantine site', 'NoQuarantineCapacity');
    return { room: 'A-101' };
  },
});

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const processKey = uniqueKey('e2e-case');
const rulesKey = uniqueKey('e2e-risk');
const labKey = uniqueKey('e2e-lab');
const ID_NUMBER = '320803199001011234';

/** start → decide on the arrival's risk → centralized: book a room → quarantined; otherwise → released. */
function arrivalProcess(): ProcessDefinition {
  return {
    key: processKey,
    name: { zh: '入境人员分类', en: 'Arrival triage' },
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 60 } },
      { id: 'classify', type: 'decision', ruleset: rulesKey, facts: { riskLevel: 'riskLevel' }, output: 'decision', label: { zh: '风险分类', en: 'Classify risk' }, position: { x: 220, y: 60 } },
      { id: 'book', type: 'activity', activity: 'testSiteBooking', output: 'site', label: { zh: '预订隔离房间', en: 'Book a room' }, position: { x: 440, y: 0 } },
      { id: 'checkIn', type: 'event', event: 'checkedIn', payload: { type: 'object', required: ['room'], properties: { room: { type: 'string' } } }, output: 'checkIn', label: { zh: '入住', en: 'Check-in' }, position: { x: 660, y: 0 } },
      { id: 'quarantined', type: 'end', outcome: 'quarantined', label: { zh: '集中隔离', en: 'Quarantined' }, position: { x: 880, y: 0 } },
      { id: 'released', type: 'end', outcome: 'released', label: { zh: '放行', en: 'Released' }, position: { x: 440, y: 130 } },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'classify' },
      { id: 'toSite', from: 'classify', to: 'book', outcome: 'centralized' },
      { id: 'toHome', from: 'classify', to: 'released', default: true },
      { id: 'e4', from: 'book', to: 'checkIn' },
      { id: 'e5', from: 'checkIn', to: 'quarantined' },
    ],
  };
}

/**
 * `wait` (an event: the lab result, with the person's classified ID number; 1 day to arrive) → tell
 * (a notice) → review (a task due in 2 hours) → end. Version 2 names the wait `labWait`.
 */
function labProcess(wait = 'lab'): ProcessDefinition {
  return {
    key: labKey,
    name: { zh: '核酸结果复核', en: 'Lab result review' },
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      {
        id: wait, type: 'event', event: 'labResult', timeout: 'P1D', output: 'lab', label: { zh: '等待结果', en: 'Await result' }, position: { x: 220, y: 0 },
        payload: { type: 'object', required: ['result'], properties: { idNumber: { type: 'string', 'x-pii': 'id-number' }, result: { type: 'string', enum: ['positive', 'negative'] } } },
      },
      { id: 'tell', type: 'activity', activity: 'notify', input: { to: "{'type': 'group', 'id': 'district-office'}", template: "'case-opened'" }, label: { zh: '通知区办', en: 'Tell the district' }, position: { x: 440, y: 0 } },
      { id: 'review', type: 'task', title: { zh: '复核', en: 'Review' }, deadline: 'PT2H', label: { zh: '复核', en: 'Review' }, position: { x: 660, y: 0 } },
      { id: 'done', type: 'end', outcome: 'reviewed', label: { zh: '完成', en: 'Done' }, position: { x: 880, y: 0 } },
      { id: 'late', type: 'end', outcome: 'late', label: { zh: '超时', en: 'Late' }, position: { x: 660, y: 130 } },
    ],
    edges: [
      { id: 'e1', from: 'start', to: wait },
      { id: 'e2', from: wait, to: 'tell' },
      { id: 'e3', from: 'tell', to: 'review' },
      { id: 'e4', from: 'review', to: 'done' },
      { id: 'labLate', from: wait, to: 'late', on: 'timeout' },
      { id: 'reviewLate', from: 'review', to: 'late', on: 'timeout' },
    ],
  };
}

async function caseWithIncident(): Promise<string> {
  const id = await startCase(app, processKey, { riskLevel: 'high' }, { orgUnit: 'qingjiangpu' });
  await eventually(async () => ((await app.api('GET', `/api/incidents?caseId=${id}&status=open`)).body.length === 1 ? true : undefined), 30_000, 'the incident');
  return id;
}

async function signIn(screen: (typeof SCREENS)[number], language: (typeof LANGUAGES)[number], username = OPERATOR): Promise<Page> {
  const { context, page } = await signedIn(browser, app.url, { ...screen, locale: language.locale, username, password: PASSWORD });
  contexts.push(context);
  return page;
}

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false, extraActivities: [siteBooking], env: { TEMPORAL_UI_URL: 'http://temporal-ui.test:8233' } });
  browser = await launchChromium();
  await publishRuleSet(app, {
    key: rulesKey,
    name: { zh: '入境风险分类', en: 'Arrival risk' },
    kind: 'rules',
    facts: { riskLevel: { type: 'string', enum: ['high', 'medium', 'low'] } },
    rules: [
      { name: 'from a high-risk area', priority: 90, conditions: { all: [{ fact: 'riskLevel', operator: 'equal', value: 'high' }] }, event: { type: 'centralized', params: { days: 14 } } },
      { name: 'from a medium-risk area', priority: 50, conditions: { all: [{ fact: 'riskLevel', operator: 'equal', value: 'medium' }] }, event: { type: 'home', params: { days: 7 } } },
    ],
  });
  await publish(app, arrivalProcess());
  expect((await app.api('POST', '/api/users', { username: OPERATOR, password: PASSWORD, roles: ['operator'], orgUnits: ['qingjiangpu'] })).status).toBe(201);
  expect((await app.api('POST', '/api/users', { username: SUPERVISOR, password: PASSWORD, roles: ['supervisor'], orgUnits: ['qingjiangpu'] })).status).toBe(201);
  expect((await app.api('POST', '/api/users', { username: AUDITOR, password: PASSWORD, roles: ['auditor'], orgUnits: ['qingjiangpu'] })).status).toBe(201);
  await publish(app, labProcess());
  await publish(app, labProcess('labWait'), 'v2');
});

async function caseVersion(id: string): Promise<number> {
  return (await app.api('GET', `/api/cases/${id}`)).body.version;
}

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

/**
 * A case waiting at its `review` task on another app's task queue; once that app (and its worker) is
 * gone, no worker answers for the case's state, and its page is drawn from the case's record.
 */
let orphanCase: Promise<string> | undefined;
function caseNoWorkerServes(): Promise<string> {
  orphanCase ??= (async () => {
    const other = await startTestApp({ seed: false });
    try {
      const key = uniqueKey('e2e-orphan');
      await publish(other, {
        ...chain(key, [
          { id: 'start', type: 'start' },
          { id: 'review', type: 'task', title: { zh: '复核', en: 'Review' }, label: { zh: '复核入境信息', en: 'Review the arrival' } },
          { id: 'end', type: 'end' },
        ]),
        name: { zh: '无人值守的案例', en: 'Unserved case' },
      });
      const id = await startCase(other, key, { note: 'kept in the workflow' }, { orgUnit: 'qingjiangpu' });
      await waitFor(other, id, 'running', 'review');
      await eventually(async () => ((await app.api('GET', `/api/cases/${id}?waitMs=0`)).body.activeNodes?.includes('review') ? true : undefined), 30_000, 'the projection at review');
      return id;
    } finally {
      await other.stop();
    }
  })();
  return orphanCase;
}

/**
 * A terminated case whose code cannot replay: its workflow was given input the interpreter cannot read
 * (as after a bug), so every workflow task failed until a supervisor terminated it. Asking for its live
 * state replays that history and fails: its page is drawn from its record, and says why.
 */
let brokenCase: Promise<string> | undefined;
function caseThatCannotReplay(): Promise<string> {
  brokenCase ??= (async () => {
    const key = uniqueKey('e2e-broken');
    await publish(app, { ...chain(key, [{ id: 'start', type: 'start' }, { id: 'end', type: 'end' }]), name: { zh: '无法重放的案例', en: 'Case that cannot replay' } });
    const id = `${key}.${randomUUID().replace(/-/g, '')}`;
    await app.platform.services.db.query(`INSERT INTO cases (id, process_key, version, started_by, state, org_unit) VALUES ($1, $2, 1, 'test', 'started', 'qingjiangpu')`, [id, key]);
    await app.client.workflow.start(PROCESS_WORKFLOW_TYPE, {
      taskQueue: app.taskQueue,
      workflowId: id,
      args: [{ definition: null }],
      // As the case starter labels a case, so that its record names its process version and unit.
      typedSearchAttributes: [
        { key: ProcessKeyAttr, value: key },
        { key: ProcessVersionAttr, value: 1 },
        { key: OrgUnitAttr, value: 'qingjiangpu' },
      ],
    });
    await eventually(async () => ((await app.api('GET', `/api/cases/${id}`)).body.status === 'stuck' ? true : undefined), 60_000, 'the case to be reported stuck');
    expect((await app.as(SUPERVISOR).api('POST', `/api/cases/${id}/terminate`, { reason: 'workflow task failing' })).status).toBe(202);
    return id;
  })();
  return brokenCase;
}

describe.each(LANGUAGES)('in $lang', (language) => {
  test.each(SCREENS)("a case no worker answers for shows where it waits and its path from its record, and says its variables cannot be read now ($size px)", async (screen) => {
    const caseId = await caseNoWorkerServes();
    const page = await signIn(screen, language);
    await page.goto(`${app.url}/#/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-state-unavailable').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('case-status').innerText()).toBe(language.lang === 'en' ? 'Running' : '进行中');
    expect(await page.getByTestId('case-current').innerText()).toBe(language.lang === 'en' ? 'Review the arrival' : '复核入境信息');
    const variables = await page.getByTestId('case-variables').innerText();
    expect(variables).not.toContain('kept in the workflow');
    expect(variables).toContain(language.lang === 'en' ? 'Cannot be read just now.' : '暂时无法读取。');
    await snap(page, `case-page-record-${language.lang}-${screen.size}`);
  });

  test.each(SCREENS)("a case whose code cannot replay says so, not that the engine is busy, and is not asked again ($size px)", async (screen) => {
    const caseId = await caseThatCannotReplay();
    const page = await signIn(screen, language);
    const reads: string[] = [];
    page.on('request', (r) => void (r.url().includes(`/api/cases/${encodeURIComponent(caseId)}?`) && reads.push(r.url())));
    await page.goto(`${app.url}/#/cases/${encodeURIComponent(caseId)}`);
    const banner = page.getByTestId('case-state-unavailable');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toBe(language.unreadable);
    expect(await page.getByTestId('case-status').innerText()).toBe(language.terminated);
    expect(await page.getByTestId('case-variables').innerText()).toContain(language.unreadableLine);
    // The note sends the reader to the raw history: the link is there.
    expect(await page.getByTestId('temporal-history').getAttribute('href')).toContain(encodeURIComponent(caseId));
    await snap(page, `case-page-unreadable-${language.lang}-${screen.size}`);
    // The page refreshes every 3 s while a case may still answer; this one never will.
    await page.waitForTimeout(4_000);
    expect(reads).toHaveLength(1);
  });

  test.each(SCREENS)("a case that broke one of its limits says why in the UI language, not in the engine's English ($size px)", async (screen) => {
    const key = uniqueKey(`e2e-limit-${language.lang}-${screen.size}`);
    // An expression that would build ten million items: over the expression budget at once.
    await publish(app, { ...chain(key, [{ id: 'start', type: 'start' }, { id: 'calc', type: 'assign', assign: { v: '[1..10000000]' } }, { id: 'end', type: 'end' }]), name: { zh: `超限 ${key}`, en: `Limit ${key}` } });
    const caseId = await startCase(app, key, {}, { orgUnit: 'qingjiangpu' });
    const { error } = await waitFor(app, caseId, 'failed');
    expect(error).toMatchObject({ nodeId: 'calc', code: 'expression_budget' });
    const page = await signIn(screen, language);
    await page.goto(`${app.url}/#/cases/${encodeURIComponent(caseId)}`);
    const failure = page.getByTestId('case-failure');
    await failure.waitFor();
    const text = await failure.innerText();
    expect(text).toContain(language.limitBroken);
    expect(text).not.toContain((error as { message: string }).message);
    await snap(page, `case-page-limit-${language.lang}-${screen.size}`);
  });

  test.each(SCREENS)('an operator opens a case, reads why the rules chose quarantine, retries its incident once a room is free, and sends the check-in event ($size px)', async (screen) => {
    siteFull = true;
    const caseId = await caseWithIncident();
    const page = await signIn(screen, language);

    // From the case list to the case.
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-list-screen').waitFor();
    await waitUntil(() => page.getByTestId('case-filter-process').locator(`option[value="${processKey}"]`).count(), (n) => n === 1, 'the process in the filter');
    await page.getByTestId('case-filter-process').selectOption(processKey);
    const link = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"] a.case-id`);
    await link.waitFor({ timeout: 40_000 });
    await link.click();
    await page.getByTestId('case-page').waitFor();

    // The graph: the path taken to the booking, which waits with an incident; the other exit not reached.
    await waitUntil(() => page.getByTestId('case-node-book').getAttribute('data-state'), (s) => s === 'incident', 'the booking node marked with its incident');
    expect(await page.getByTestId('case-node-classify').getAttribute('data-state')).toBe('visited');
    expect(await page.getByTestId('case-node-released').getAttribute('data-state')).toBe('unvisited');
    expect(await page.getByTestId('case-edge-toSite').getAttribute('data-taken')).toBe('true');
    expect(await page.getByTestId('case-edge-toHome').getAttribute('data-taken')).toBe('false');

    // Why centralized quarantine: the decision, its rule set version, and the rules' conditions marked.
    const decision = page.getByTestId('case-decision');
    expect(await decision.getByTestId('decision-outcome').innerText()).toBe('centralized');
    expect(await decision.innerText()).toContain(language.ruleSet);
    expect((await decision.innerText()).toLowerCase()).toContain(language.why.toLowerCase());
    const rules = await decision.getByTestId('trace-rule').evaluateAll((els) => els.map((e) => [e.querySelector('summary')!.textContent!.trim(), e.getAttribute('data-passed')]));
    expect(rules).toEqual([
      [expect.stringContaining('from a high-risk area'), 'true'],
      [expect.stringContaining('from a medium-risk area'), 'false'],
    ]);
    expect(await decision.getByTestId('trace-condition').first().innerText()).toContain('✓');
    expect(await page.getByTestId('temporal-history').getAttribute('href')).toBe(`http://temporal-ui.test:8233/namespaces/default/workflows/${encodeURIComponent(caseId)}`);
    expect(await page.getByTestId('incident-error').innerText()).toContain(language.incident);
    await snap(page, `case-page-incident-${language.lang}-${screen.size}`);

    // A room is freed; the operator retries with a comment, and the case completes.
    siteFull = false;
    await page.getByTestId('incident-action-retry').check();
    await page.getByTestId('incident-comment').fill('a room was freed at site 1');
    expect(await page.getByTestId('incident-submit').innerText()).toBe(language.retry);
    await page.getByTestId('incident-submit').click();
    await waitUntil(() => page.getByTestId('case-node-checkIn').getAttribute('data-state'), (s) => s === 'current', 'the case to wait for the check-in', 30_000);
    expect(await page.getByTestId('incident').getAttribute('data-status')).toBe('resolved');

    // The person checks in: the event the case waits for comes first, its payload a form from the event's schema;
    // sent without the required room it is refused beside the field (nothing sent), with it the case moves on.
    expect(await page.getByTestId('event-name').inputValue()).toBe('checkedIn');
    await page.getByTestId('event-send').click();
    const roomError = page.getByTestId('case-actions').locator('#root_room').locator('xpath=ancestor::*[contains(@class, "form-group")][1]');
    await waitUntil(() => roomError.innerText(), (text) => text.includes(language.required) && !text.includes('must have'), 'the refusal beside the field, in the UI language');
    await roomError.scrollIntoViewIfNeeded();
    await snap(page, `case-page-event-refused-${language.lang}-${screen.size}`);
    expect(await page.getByTestId('case-node-checkIn').getAttribute('data-state')).toBe('current');
    await page.getByTestId('case-actions').locator('#root_room').fill('A-101');
    await page.getByTestId('event-send').click();
    await waitUntil(() => page.getByTestId('case-status').innerText(), (s) => s === language.completed, 'the case to complete', 30_000);
    expect(await page.getByTestId('case-node-quarantined').getAttribute('data-state')).toBe('visited');
    const done = await waitFor(app, caseId, 'completed');
    expect(done.variables.site).toEqual({ room: 'A-101' });
    expect(done.variables.checkIn).toEqual({ room: 'A-101' });
    await snap(page, `case-page-resolved-${language.lang}-${screen.size}`);
  });

  test.each(SCREENS)('a supervisor sees a timer, dry-runs and runs a migration, sends the lab result through its form, sees the notice and the masked event, cancels with a reason; an auditor reads the trail ($size px)', async (screen) => {
    const caseId = await startCase(app, labKey, {}, { orgUnit: 'qingjiangpu', version: 1 });
    await waitFor(app, caseId, 'running', 'lab');
    const page = await signIn(screen, language, SUPERVISOR);
    await page.goto(`${app.url}/#/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-page').waitFor();

    // The wait for the lab result times out in a day: listed with its due time and marked on the graph's node.
    const timer = page.getByTestId('case-timer');
    await timer.waitFor();
    expect([await timer.getAttribute('data-node'), await timer.getAttribute('data-kind')]).toEqual(['lab', 'event_timeout']);
    expect(await page.getByTestId('case-node-lab').getByTestId('case-node-timer').count()).toBe(1);
    // No audit trail without audit.read.
    expect(await page.getByTestId('case-audit').count()).toBe(0);
    await snap(page, `case-page-timers-${language.lang}-${screen.size}`);

    // Migration, dry run first: version 2 has no `lab`, so it is refused; mapped to `labWait` it is safe, then run.
    await page.getByTestId('migrate-open').click();
    await page.getByTestId('migrate-version').selectOption('2');
    await page.getByTestId('migrate-preview').click();
    await waitUntil(() => page.getByTestId('migrate-result').getAttribute('data-safe'), (safe) => safe === 'false', 'the refusal');
    expect(await page.getByTestId('migrate-run').isDisabled()).toBe(true);
    await page.getByTestId('migrate-map-lab').selectOption('labWait');
    // A changed choice needs a dry run of its own.
    expect(await page.getByTestId('migrate-result').count()).toBe(0);
    await page.getByTestId('migrate-preview').click();
    await waitUntil(() => page.getByTestId('migrate-result').getAttribute('data-safe'), (safe) => safe === 'true', 'the safe dry run');
    expect(await page.getByTestId('migrate-move').innerText()).toMatch(/lab\s*→\s*labWait/);
    await snap(page, `case-page-migrate-${language.lang}-${screen.size}`);
    await page.getByTestId('migrate-run').click();
    await waitUntil(() => page.locator('.case-head h1').innerText(), (text) => text.endsWith('v2'), 'the page to show version 2', 30_000);
    expect(await caseVersion(caseId)).toBe(2);
    await waitUntil(() => page.getByTestId('case-timer').getAttribute('data-node'), (node) => node === 'labWait', 'the timer at labWait');

    // The lab result, entered in the form the event's schema gives; the case goes on to the review, due in 2 hours.
    expect(await page.getByTestId('event-name').inputValue()).toBe('labResult');
    const form = page.getByTestId('case-actions');
    await form.locator('#root_result').selectOption('positive');
    await form.locator('#root_idNumber').fill(ID_NUMBER);
    await page.getByTestId('event-send').click();
    await waitUntil(() => page.getByTestId('case-timer').getAttribute('data-kind'), (kind) => kind === 'task_deadline', 'the review deadline', 30_000);
    // The notice sent to the district, and the lab result received, its ID number masked for a supervisor.
    await waitUntil(() => page.getByTestId('case-notice').count(), (n) => n === 1, 'the notice');
    expect(await page.getByTestId('case-event').getAttribute('data-name')).toBe('labResult');
    const payload = await page.getByTestId('case-event-payload').innerText();
    expect(payload).toContain('320803********1234');
    expect(payload).not.toContain(ID_NUMBER);
    await page.getByTestId('case-events').scrollIntoViewIfNeeded();
    await snap(page, `case-page-events-${language.lang}-${screen.size}`);

    // Cancel: not without a reason; with one, the case ends and the reason is kept.
    expect(await page.getByTestId('cancel-case').isDisabled()).toBe(true);
    await page.getByTestId('cancel-reason').fill('moved out of the city');
    await page.getByTestId('cancel-case').click();
    await waitUntil(() => page.getByTestId('case-status').innerText(), (s) => s === language.cancelled, 'the case to be cancelled', 30_000);

    // The auditor reads the trail: started, migrated, the event and the cancel with its reason.
    const audit = await signIn(screen, language, AUDITOR);
    await audit.goto(`${app.url}/#/cases/${encodeURIComponent(caseId)}`);
    await audit.getByTestId('case-audit').waitFor();
    const actions = await audit.getByTestId('case-audit-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions.filter((a) => a !== 'pii_read')).toEqual(['start', 'migrate', 'event', 'cancel']);
    expect(await audit.locator('[data-testid="case-audit-row"][data-action="cancel"]').innerText()).toContain('moved out of the city');
    expect(await audit.getByTestId('case-actions').count()).toBe(0);
    await audit.getByTestId('case-audit').scrollIntoViewIfNeeded();
    await snap(audit, `case-page-audit-${language.lang}-${screen.size}`);
  });
});
