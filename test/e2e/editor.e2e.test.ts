/**
 * The editor end to end, in a real browser against the real platform (API, worker, Temporal,
 * PostgreSQL): build a process by drag and drop, configure its activity through the generated
 * form, see a validation error and fix it, publish, start a case and watch it complete on the graph.
 * A screenshot of each stage is saved under test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, uniqueKey, type TestApp } from '../support/app';
import { dragBetween, launchChromium, settled, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(180_000);

describe('process editor in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
    app = await startTestApp();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US', extraHTTPHeaders: await app.headers() });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('builds, checks, publishes and runs a process', async () => {
    const key = uniqueKey('e2e-arrival');
    const canvas = page.getByTestId('canvas');
    const problems = page.getByTestId('problems-panel');
    const problemCodes = () => problems.getByTestId('problem-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    const problemsOf = (nodeId: string) =>
      problems.getByTestId('problem-item').evaluateAll((els, id) => els.filter((e) => e.getAttribute('data-node-id') === id).map((e) => e.getAttribute('data-code')), nodeId);
    const problemCount = () => problems.getAttribute('data-count');

    // 1. Create a process from the list; it opens with a start node.
    await page.goto(app.url);
    await page.getByTestId('new-process').click();
    await page.getByTestId('new-process-key').fill(key);
    await page.getByTestId('new-process-name-zh').fill('入境人员登记');
    await page.getByTestId('new-process-name-en').fill('Arrival registration');
    await page.getByTestId('new-process-create').click();
    await page.getByTestId('node-start').waitFor();
    await page.getByTestId('palette-activity-log').waitFor();
    await snap(page, 'editor-1-new-process');

    // 2. Drag the `log` activity and an end node from the palette onto the canvas.
    const start = (await page.getByTestId('node-start').boundingBox())!;
    const area = (await canvas.boundingBox())!;
    const dropAt = (dx: number, dy: number) => ({ x: start.x - area.x + start.width / 2 + dx, y: start.y - area.y + start.height / 2 + dy });
    await page.getByTestId('palette-activity-log').dragTo(canvas, { targetPosition: dropAt(250, 0) });
    await page.getByTestId('node-log').waitFor();
    await page.getByTestId('palette-kind-end').dragTo(canvas, { targetPosition: dropAt(250, 130) });
    await page.getByTestId('node-end').waitFor();

    // 3. Connect start → log only: the log step is reachable now, but the end is not.
    await dragBetween(page, page.getByTestId('handle-out-start'), page.getByTestId('handle-in-log'));
    await waitUntil(() => problemsOf('log'), (codes) => !codes.includes('unreachable_node'), 'the log step to be reachable');
    expect(await problemsOf('end')).toEqual(['unreachable_node']);
    expect(await page.getByTestId('node-end').getAttribute('data-mark')).toBe('problem');
    await snap(page, 'editor-2-validation-error');

    // 4. Fix it: connect log → end, then lay the graph out. The log step's required message is still empty.
    await dragBetween(page, page.getByTestId('handle-out-log'), page.getByTestId('handle-in-end'));
    await waitUntil(problemCodes, (codes) => codes.length === 1 && codes[0] === 'missing_input', 'only the empty message left');
    await page.getByTestId('auto-layout').click();
    await settled(page.getByTestId('node-log'));

    // 5. Configure the activity through the form generated from its input schema;
    //    switched to an expression, one with a syntax error is flagged in the field and in the problems panel.
    await page.getByTestId('node-log').click();
    await page.getByTestId('input-message-expression').click();
    const message = page.getByTestId('activity-input-form').getByTestId('input-message');
    await message.fill('"Arrived at the railway station');
    await page.getByTestId('input-message-error').waitFor();
    await waitUntil(problemCodes, (codes) => codes.length === 1 && codes[0] === 'expression_syntax', 'the syntax error in the problems panel');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await snap(page, 'editor-3-expression-error');
    await message.fill('"Arrived at the railway station"');
    await waitUntil(problemCount, (n) => n === '0', 'no problems');
    await snap(page, 'editor-4-configured');

    // 6. Publish with a comment.
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-comment').fill('First version: register arrivals');
    await page.getByTestId('publish-confirm').click();
    await waitUntil(() => page.getByTestId('notice').getAttribute('data-kind'), (k) => k === 'published', 'the publish notice');
    const saved = await app.api<{ versions: { version: number; comment: string }[] }>('GET', `/api/processes/${key}`);
    expect(saved.body.versions.map((v) => v.comment)).toEqual(['First version: register arrivals']);
    await snap(page, 'editor-5-published');

    // 7. Export the definition as JSON: the file holds the graph as drawn and configured.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { key: string; nodes: { id: string; input?: Record<string, string> }[] };
    expect(exported.key).toBe(key);
    expect(exported.nodes.map((n) => n.id)).toEqual(['start', 'log', 'end']);
    expect(exported.nodes[1].input).toEqual({ message: '"Arrived at the railway station"' });

    // 8. Change the draft and compare it with version 1: the changed step is coloured on the graph.
    await page.getByTestId('node-log').click();
    // The stored string literal shows in the text widget now: plain text, no quotes.
    await page.getByTestId('activity-input-form').getByTestId('input-message').fill('Arrived at the bus station');
    await page.getByTestId('tab-versions').click();
    await page.getByTestId('diff-from').selectOption('1');
    await page.getByTestId('diff-to').selectOption('draft');
    await page.getByTestId('show-diff').click();
    await waitUntil(() => page.getByTestId('node-log').getAttribute('data-mark'), (m) => m === 'changed', 'the log step to be marked changed');
    expect(await page.getByTestId('node-start').getAttribute('data-mark')).toBeNull();
    await snap(page, 'editor-6-diff');
    await page.getByTestId('overlay-close').click();

    // 9. Start a test case of the published version and watch it complete on the graph.
    await page.getByTestId('tab-run').click();
    await page.getByTestId('start-case').click();
    await waitUntil(() => page.getByTestId('case-status').getAttribute('data-status'), (s) => s === 'completed', 'the case to complete', 60_000);
    for (const id of ['start', 'log', 'end']) expect(await page.getByTestId(`node-${id}`).getAttribute('data-mark')).toBe('visited');
    await snap(page, 'editor-7-case-completed');
  });

  it('tries a built-in rule set with sample facts and shows why it decided', async () => {
    await page.goto(`${app.url}/#/rulesets/arrival-classification`);
    await page.getByTestId('try-it').waitFor();
    for (const select of await page.getByTestId('try-it').locator('select').all()) {
      // The first allowed value of every listed fact; typed facts get their defaults or a number.
      await select.selectOption({ index: 1 });
    }
    for (const input of await page.getByTestId('try-it').locator('input').all()) {
      if ((await input.inputValue()) === '') await input.fill('30');
    }
    await page.getByTestId('try-run').click();
    await page.getByTestId('try-result').waitFor();
    expect(await page.getByTestId('try-event').count()).toBeGreaterThan(0);
    expect(await page.locator('.trace-rule.passed').count()).toBeGreaterThan(0);
    await snap(page, 'rules-1-try-it');
  });
});
