/**
 * A test case from the process editor (issue 16), in a real browser on built-in processes, in
 * English and Chinese at 1366×768 and 390×844: the administrator fills the case input form with
 * sample data (made up: test names, test phones, resident IDs from fake digits with their check
 * digit), starts the case, and answers what it waits for from the run panel: the pharmacy
 * inspection's task completed with its form, the key-group test's result sent as an event, a case
 * cancelled. The outcome reads in the UI language. Screenshots in test-results/run-panel-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { residentIdFault } from '../../language/forms';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium, SCREENS, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(180_000);

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const LANGS = [
  { lang: 'en', locale: 'en-US', pharmacy: 'Test Pharmacy', person: 'Test Person 1', compliant: 'Compliant', completed: 'Completed', taskDone: 'completed', sent: 'Event test-result sent', cancelled: 'Cancelled' },
  { lang: 'zh', locale: 'zh-CN', pharmacy: '测试药店', person: '测试人员一', compliant: '合规', completed: '已完成', taskDone: '已完成任务', sent: '已发送事件 test-result', cancelled: '已取消' },
];

interface CaseState {
  status: string;
  activeNodes: string[];
  history: { nodeId: string }[];
  variables: Record<string, Record<string, unknown>>;
}

const status = (page: Page) => page.getByTestId('run-panel').getByTestId('case-status').getAttribute('data-status', { timeout: 2_000 }).catch(() => null);

/** Opens a built-in process's run tab, fills the input with sample data, then `adjust`s it, and starts a test case; answers its id. */
async function startWithSample(page: Page, processKey: string, adjust: () => Promise<void>): Promise<string> {
  await page.goto(`${app.url}/#/processes/${processKey}`);
  await page.getByTestId('tab-run').click();
  const panel = page.getByTestId('run-panel');
  await panel.getByTestId('fill-sample').click();
  await adjust();
  const responded = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST');
  await panel.getByTestId('start-case').click();
  const res = await responded;
  expect(res.status()).toBe(201);
  return ((await res.json()) as { caseId: string }).caseId;
}

test.each(SCREENS.flatMap((screen) => LANGS.map((l) => ({ ...screen, ...l }))))(
  '$lang $size: sample input, the task completed and the event sent from the run panel',
  async ({ viewport, size, lang, locale, pharmacy, person, compliant, completed, taskDone, sent, cancelled }) => {
    const page = await browser.newPage({ viewport, locale, extraHTTPHeaders: await app.headers() });
    try {
      // 1. The pharmacy inspection: its input is a form of its variables, labelled in the UI language.
      await page.goto(`${app.url}/#/processes/pharmacy-registration-inspection`);
      await page.getByTestId('tab-run').click();
      const panel = page.getByTestId('run-panel');
      await panel.getByTestId('case-input-form').waitFor();
      await panel.getByTestId('fill-sample').click();
      await waitUntil(() => page.locator('#run-input_pharmacy_id').inputValue(), (v) => v.startsWith(pharmacy), 'the sample pharmacy id');
      expect(await page.locator('#run-input_pharmacy_district').inputValue()).not.toBe('');
      // The time scale is left to the process (its default when absent).
      expect(await page.locator('#run-input_timeScale').inputValue()).toBe('');
      await snap(page, `run-panel-${lang}-${size}-1-sample`);

      // The raw JSON is there for experts, holding the same input.
      await panel.getByTestId('case-input-raw').check();
      const raw = JSON.parse(await panel.getByTestId('case-input').inputValue()) as { pharmacy: { id: string } };
      expect(raw.pharmacy.id.startsWith(pharmacy)).toBe(true);
      await panel.getByTestId('case-input-raw').uncheck();

      await panel.getByTestId('start-case').click();
      await waitUntil(() => status(page), (s) => s === 'running', 'the case to run');

      // 2. It waits for the inspection task: completed from the panel with the task's own form.
      await panel.getByTestId('run-task-open-inspect').click({ timeout: 30_000 });
      const task = panel.getByTestId('run-task-inspect');
      await task.locator('#task-inspect_salesChecked').fill('12');
      await task.locator('#task-inspect_registered').fill('12');
      await task.locator('#task-inspect_traceable').check();
      await snap(page, `run-panel-${lang}-${size}-2-task`);
      await panel.getByTestId('run-task-submit-inspect').click();
      await waitUntil(() => panel.getByTestId('run-message').textContent(), (t) => t?.includes(taskDone) ?? false, 'the completion to be confirmed');
      await waitUntil(() => status(page), (s) => s === 'completed', 'the case to complete', 60_000);
      expect(await panel.getByTestId('case-status').textContent()).toBe(completed);
      expect(await panel.getByTestId('case-outcome').textContent()).toBe(compliant);
      await snap(page, `run-panel-${lang}-${size}-3-completed`);

      // 3. Key-group testing waits for a test result: sent from the panel as the event it waits for.
      // The sample's made-up category is no key group: the administrator picks a real one.
      const caseId = await startWithSample(page, 'key-group-testing', () => page.locator('#run-input_group').fill('port-worker'));
      await waitUntil(async () => (await app.api<CaseState>('GET', `/api/cases/${caseId}`)).body.activeNodes, (a) => a.includes('awaitResult'), 'the case to wait for its result', 60_000);
      const started = (await app.api<CaseState>('GET', `/api/cases/${caseId}`)).body;
      // Made-up data: a test person, a test phone, a resident ID from fake digits with a valid check digit.
      expect(started.variables.person).toMatchObject({ name: person, phone: expect.stringMatching(/^1380000\d{4}$/) });
      expect(residentIdFault(String(started.variables.person.idNumber))).toBeUndefined();
      const waits = panel.getByTestId('run-waits');
      await waits.getByTestId('event-payload').waitFor({ timeout: 30_000 });
      await waits.getByTestId('event-payload').fill('{"result": "negative"}');
      await waits.getByTestId('event-send').click();
      await waitUntil(() => panel.getByTestId('run-message').textContent(), (t) => t?.includes(sent) ?? false, 'the event to be sent');
      // The result is recorded, and the routine waits for the next one.
      await waitUntil(async () => (await app.api<CaseState>('GET', `/api/cases/${caseId}`)).body.history.map((h) => h.nodeId), (h) => h.includes('record'), 'the result to be recorded', 60_000);
      await snap(page, `run-panel-${lang}-${size}-4-event`);

      // 4. The routine goes on until cancelled: cancelled from the panel.
      await panel.getByTestId('run-cancel').click();
      await waitUntil(() => status(page), (s) => s === 'cancelled', 'the case to be cancelled', 60_000);
      expect(await panel.getByTestId('case-status').textContent()).toBe(cancelled);
      await snap(page, `run-panel-${lang}-${size}-5-cancelled`);
    } finally {
      await page.close();
    }
  },
);
