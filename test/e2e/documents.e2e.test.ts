/**
 * What the one document hook gives both editors, in a real browser against the real platform:
 * a save based on a draft someone else has since saved is refused, said in the UI language,
 * with an offer to reload (never a silent overwrite), and a rule set's versions compare like a
 * process's, rule by rule.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, uniqueKey, type TestApp } from '../support/app';
import { taskProcess } from '../support/processes';
import { adultRules, leaf, publishRuleSet } from '../support/rules';
import { launchChromium, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(120_000);

let app: TestApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US', extraHTTPHeaders: await app.headers() });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const noticeKind = () => page.getByTestId('notice').getAttribute('data-kind');

test.each([
  {
    kind: 'process',
    open: async (key: string) => {
      await app.api('POST', '/api/processes', { key, name: { zh: key, en: key }, definition: taskProcess(key, 'Mine') });
      await page.goto(`${app.url}/#/processes/${key}`);
      await page.getByTestId('node-check').waitFor();
    },
    theirs: (key: string) => ['PUT', `/api/processes/${key}/draft`, { definition: taskProcess(key, 'Theirs') }] as const,
    save: 'save-draft',
    titleOf: async (key: string) => (await app.api('GET', `/api/processes/${key}`)).body.draft.definition.nodes[1].title.en,
  },
  {
    kind: 'rule set',
    open: async (key: string) => {
      await app.api('POST', '/api/rulesets', adultRules(key, 7, { name: { zh: key, en: 'Mine' } }));
      await page.goto(`${app.url}/#/rulesets/${key}`);
      await page.getByTestId('ruleset-save').waitFor();
    },
    theirs: (key: string) => ['PUT', `/api/rulesets/${key}/draft`, adultRules(key, 7, { name: { zh: key, en: 'Theirs' } })] as const,
    save: 'ruleset-save',
    titleOf: async (key: string) => (await app.api('GET', `/api/rulesets/${key}`)).body.draft.definition.name.en,
  },
])('$kind: a save over a draft someone saved meanwhile is refused and offers to reload theirs', async ({ kind, open, theirs, save, titleOf }) => {
  const key = uniqueKey('stale');
  await open(key);
  const [method, url, body] = theirs(key);
  expect((await app.api(method, url, body)).status).toBe(200);

  await page.getByTestId(save).click();
  await waitUntil(noticeKind, (k) => k === 'stale', 'the stale-draft notice');
  expect(await page.getByTestId('notice').textContent()).toContain('Someone else saved this draft since you opened it');
  expect(await titleOf(key)).toBe('Theirs');
  await snap(page, `documents-stale-${kind.replace(' ', '-')}`);

  await page.getByTestId('reload-draft').click();
  await page.getByTestId(save).waitFor();
  await waitUntil(() => page.getByTestId(save).isEnabled(), (enabled) => enabled, 'the editor to be ready again');
  await page.getByTestId(save).click();
  await waitUntil(noticeKind, (k) => k === 'saved', 'the saved notice');
  expect(await titleOf(key)).toBe('Theirs');
});

test('a rule set compares two versions, or a version with the draft as edited, rule by rule', async () => {
  const key = uniqueKey('rs-versions');
  await publishRuleSet(app, adultRules(key, 7));
  const minor = { name: 'minor', conditions: { all: [leaf('age', 'lessThan', 18)] }, event: { type: 'minor' } };
  await publishRuleSet(app, adultRules(key, 5, { rules: [...adultRules(key, 5).rules, minor] }));

  await page.goto(`${app.url}/#/rulesets/${key}`);
  await page.getByTestId('tab-versions').click();
  expect(await page.getByTestId('versions-list').locator('li').count()).toBe(2);
  await page.getByTestId('diff-from').selectOption('1');
  await page.getByTestId('diff-to').selectOption('2');
  await page.getByTestId('show-diff').click();
  const entries = () =>
    page.getByTestId('diff-entry').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-mark')} ${e.getAttribute('data-name')}`));
  await waitUntil(entries, (e) => e.length > 0, 'the differences');
  expect(await entries()).toEqual(['added minor', 'changed adult']);
  await snap(page, 'documents-ruleset-diff');

  // The latest version against the draft as edited, unsaved: nothing yet, then the edit.
  await page.getByTestId('diff-from').selectOption('2');
  await page.getByTestId('diff-to').selectOption('draft');
  await page.getByTestId('show-diff').click();
  await page.getByTestId('ruleset-diff').getByText('No differences.').waitFor();
  await page.getByTestId('rule-1-event').fill('child');
  await page.getByTestId('show-diff').click();
  await waitUntil(entries, (e) => e.length > 0, 'the edit among the differences');
  expect(await entries()).toEqual(['changed minor']);
});
