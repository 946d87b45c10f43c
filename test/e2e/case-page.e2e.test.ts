/**
 * The case page in a real browser, in both languages at 1366×768 and 390×844: an operator opens a
 * person's case from the list, reads why the rules sent them to centralized quarantine (the rule's
 * conditions marked passed or failed, with the rule set version), sees the case waiting with an
 * incident at the site booking (no room), and once a room is free retries it; then tells the case the
 * person has checked in (send an event, its payload checked) and the case completes.
 * Screenshots go to test-results/ (and to SHOTS_DIR when set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';
import { defineActivity } from '../../engine/activities/define';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { eventually, startTestApp, uniqueKey, type TestApp } from '../support/app';
import { publish, startCase, waitFor } from '../support/processes';
import { publishRuleSet } from '../support/rules';
import { launchChromium, SCREENS, signedIn, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(240_000);

const LANGUAGES = [
  { lang: 'en', locale: 'en-US', why: 'Why', ruleSet: 'version 1', incident: 'no room at the quarantine site', retry: 'Retry', completed: 'Completed' },
  { lang: 'zh', locale: 'zh-CN', why: '原因', ruleSet: '版本 1', incident: 'no room at the quarantine site', retry: '重试', completed: '已完成' },
] as const;

const PASSWORD = 'a long test password 43';
const OPERATOR = 'op-e2e-case';

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

async function caseWithIncident(): Promise<string> {
  const id = await startCase(app, processKey, { riskLevel: 'high' }, { orgUnit: 'qingjiangpu' });
  await eventually(async () => ((await app.api('GET', `/api/incidents?caseId=${id}&status=open`)).body.length === 1 ? true : undefined), 30_000, 'the incident');
  return id;
}

async function signIn(screen: (typeof SCREENS)[number], language: (typeof LANGUAGES)[number]): Promise<Page> {
  const { context, page } = await signedIn(browser, app.url, { ...screen, locale: language.locale, username: OPERATOR, password: PASSWORD });
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
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.stop();
});

describe.each(LANGUAGES)('in $lang', (language) => {
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

    // The person checks in: a payload that breaks the event's schema is refused, naming the field; a good one moves the case on.
    await page.getByTestId('event-payload').fill('{"room": 101}');
    await page.getByTestId('event-send').click();
    await waitUntil(() => page.getByTestId('case-actions').innerText(), (text) => text.includes('payload/room'), 'the refusal naming the field');
    await page.getByTestId('event-payload').fill('{"room": "A-101"}');
    await page.getByTestId('event-send').click();
    await waitUntil(() => page.getByTestId('case-status').innerText(), (s) => s === language.completed, 'the case to complete', 30_000);
    expect(await page.getByTestId('case-node-quarantined').getAttribute('data-state')).toBe('visited');
    const done = await waitFor(app, caseId, 'completed');
    expect(done.variables.site).toEqual({ room: 'A-101' });
    expect(done.variables.checkIn).toEqual({ room: 'A-101' });
    await snap(page, `case-page-resolved-${language.lang}-${screen.size}`);
  });
});
