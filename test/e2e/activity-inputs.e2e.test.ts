/**
 * Publish only what can run (issue 16): an administrator adds a log step to a process whose
 * variables are declared. The empty required message is flagged, plain text typed as an
 * expression is flagged as reading no known variable (both used to say "no problems" and every
 * case failed at the step), and the typed value widget fills it; then the process publishes.
 * (English text of more than one word is already a syntax error; one word or Chinese text parses as a
 * name.) Written with completion, the expression reads declared variables and passes. A second
 * publish summarises what changed against the first, moved nodes left out. In
 * English and Chinese at 1366×768; the inputs and the publish summary also at 390×844.
 * Screenshots in test-results/activity-inputs-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { startTestApp, uniqueKey, type TestApp } from '../support/app';
import { dragBetween, launchChromium, SCREENS, settled, snap, waitUntil } from './browser';

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

/** A screening draft with declared variables, its start and end not yet joined: the step goes between. */
function draft(key: string): ProcessDefinition {
  return {
    key,
    name: { zh: '入境筛查（试）', en: 'Arrival screening (trial)' },
    variables: { type: 'object', properties: { person: { type: 'object' }, district: { type: 'string' } } },
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      { id: 'end', type: 'end', position: { x: 520, y: 0 } },
    ],
    edges: [],
  };
}

const LANGS = [
  { lang: 'en', locale: 'en-US', text: 'Arrived' },
  { lang: 'zh', locale: 'zh-CN', text: '已到达，请居家隔离观察' },
] as const;

async function problemCodes(page: Page): Promise<(string | null)[]> {
  return page.getByTestId('problems-panel').getByTestId('problem-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
}

test.each(LANGS)('$lang: a step with an empty or untyped input is flagged, the typed value fixes it, and it publishes', async ({ lang, locale, text }) => {
  const key = uniqueKey(`e2e-inputs-${lang}`);
  expect((await app.api('POST', '/api/processes', { key, name: draft(key).name, definition: draft(key) })).status).toBe(201);
  const page = await browser.newPage({ viewport: SCREENS[0].viewport, locale, extraHTTPHeaders: await app.headers() });
  try {
    await page.goto(`${app.url}/#/processes/${key}`);
    await page.getByTestId('node-start').waitFor();
    await page.getByTestId('palette-activity-log').waitFor();

    // Add the log step between start and end, once the opening view has stopped moving.
    await settled(page.getByTestId('node-start'));
    const canvas = page.getByTestId('canvas');
    const [start, end, area] = [(await page.getByTestId('node-start').boundingBox())!, (await page.getByTestId('node-end').boundingBox())!, (await canvas.boundingBox())!];
    await page.getByTestId('palette-activity-log').dragTo(canvas, { targetPosition: { x: (start.x + end.x) / 2 - area.x + start.width / 2, y: start.y - area.y + 140 } });
    await page.getByTestId('node-log').waitFor();
    await dragBetween(page, page.getByTestId('handle-out-start'), page.getByTestId('handle-in-log'));
    await dragBetween(page, page.getByTestId('handle-out-log'), page.getByTestId('handle-in-end'));

    // The empty required message is a problem, in the UI language, and publishing is off.
    await waitUntil(() => problemCodes(page), (c) => c.length === 1 && c[0] === 'missing_input', 'the empty message flagged');
    const message = page.getByTestId('problem-item').locator('.problem-message');
    expect(await message.textContent()).toMatch(lang === 'zh' ? /必填输入“消息”未填写/ : /required input 'message'/);
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await page.getByTestId('node-log').click();
    const form = page.getByTestId('activity-input-form');
    await form.getByTestId('input-message').waitFor();
    // Labelled in the UI language, and a text value by default.
    expect(await form.textContent()).toContain(lang === 'zh' ? '写入个案日志的内容' : 'What to write to the case log');
    expect(await form.getByTestId('input-message-mode').getAttribute('data-mode')).toBe('literal');
    await snap(page, `activity-inputs-${lang}-1366-1-empty-required`);

    // Plain text typed as an expression reads a variable no case has.
    await form.getByTestId('input-message-expression').click();
    await form.getByTestId('input-message').fill(text);
    await waitUntil(() => problemCodes(page), (c) => c.length === 1 && c[0] === 'unknown_variable', 'the text-as-expression flagged');
    await snap(page, `activity-inputs-${lang}-1366-2-unknown-variable`);

    // Written with completion instead: the declared variables as they are typed, functions after a $.
    const input = form.getByTestId('input-message');
    const offered = () => form.getByTestId('input-message-completions').getByRole('option').allTextContents();
    await input.fill('');
    await input.pressSequentially('dis');
    await waitUntil(offered, (o) => o.length === 1 && o[0].startsWith('district'), 'district offered');
    await input.press('Enter');
    expect(await input.inputValue()).toBe('district');
    await input.pressSequentially(" & ' ' & $upp");
    await waitUntil(offered, (o) => o.length === 1 && o[0].startsWith('$uppercase(text)') && o[0].includes(lang === 'zh' ? '转为大写' : 'The text in capitals'), '$uppercase offered, described');
    await snap(page, `activity-inputs-${lang}-1366-2b-completion`);
    await input.press('Tab');
    await input.pressSequentially('dis');
    await input.press('Enter');
    await input.pressSequentially(')');
    expect(await input.inputValue()).toBe("district & ' ' & $uppercase(district)");
    await waitUntil(() => page.getByTestId('problems-panel').getAttribute('data-count'), (n) => n === '0', 'the completed expression reads known variables');

    // As a value it is fine; the level is a choice with translated labels.
    await form.getByTestId('input-message-literal').click();
    await form.getByTestId('input-message').fill(text);
    await form.getByTestId('input-level').selectOption('warn');
    expect(await form.getByTestId('input-level').locator('option:checked').textContent()).toBe(lang === 'zh' ? '警告' : 'Warning');
    await waitUntil(() => page.getByTestId('problems-panel').getAttribute('data-count'), (n) => n === '0', 'no problems');
    await snap(page, `activity-inputs-${lang}-1366-3-typed`);

    await page.getByTestId('publish').click();
    expect(await page.getByTestId('publish-changes').locator('h4').textContent()).toBe(lang === 'zh' ? '这是第一个版本，全部内容都是新的。' : 'The first version: everything in it is new.');
    await page.getByTestId('publish-comment').fill('log step');
    await page.getByTestId('publish-confirm').click();
    await waitUntil(() => page.getByTestId('notice').getAttribute('data-kind'), (k) => k === 'published', 'the publish notice');
    const published = await app.api<{ definition: ProcessDefinition }>('GET', `/api/processes/${key}/versions/1`);
    const log = published.body.definition.nodes.find((n) => n.id === 'log');
    // Stored as JSONata literals, as the built-in processes write values.
    expect(log).toMatchObject({ activity: 'log', input: { message: `'${text}'`, level: "'warn'" } });

    // A second version: the dialog says what changed against v1, and moving every node (auto-layout) is no change.
    await page.getByTestId('auto-layout').click();
    await page.getByTestId('node-log').click();
    await form.getByTestId('input-level').selectOption('error');
    await page.getByTestId('publish').click();
    const changes = page.getByTestId('publish-changes');
    expect(await changes.locator('h4').textContent()).toBe(lang === 'zh' ? '相对 v1 的改动' : 'Changes since v1');
    expect(await changes.locator('.diff-fields li').allTextContents()).toEqual(['log: input']);
    await snap(page, `activity-inputs-${lang}-1366-4-publish-summary`);
    await page.getByTestId('publish-comment').fill('louder');
    await page.getByTestId('publish-confirm').click();
    await waitUntil(async () => (await app.api<{ versions: unknown[] }>('GET', `/api/processes/${key}`)).body.versions.length, (n) => n === 2, 'version 2');
  } finally {
    await page.close();
  }

  // On a phone the published step's inputs read the same.
  const phone = await browser.newPage({ viewport: SCREENS[1].viewport, locale, extraHTTPHeaders: await app.headers() });
  try {
    await phone.goto(`${app.url}/#/processes/${key}`);
    await phone.getByTestId('node-log').click();
    await phone.getByTestId('activity-input-form').getByTestId('input-message').scrollIntoViewIfNeeded();
    expect(await phone.getByTestId('activity-input-form').getByTestId('input-message').inputValue()).toBe(text);
    await snap(phone, `activity-inputs-${lang}-390-inputs`);
    // The draft is version 2 as published: the publish dialog says there is nothing to publish.
    await phone.getByTestId('publish').click();
    await phone.getByTestId('publish-changes').getByTestId('diff-summary').waitFor();
    expect(await phone.getByTestId('publish-changes').getByTestId('diff-summary').getAttribute('data-empty')).toBe('true');
    await snap(phone, `activity-inputs-${lang}-390-publish-summary`);
  } finally {
    await phone.close();
  }
});
