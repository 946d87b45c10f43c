/**
 * Rule sets made and edited without JSON text, in a real browser against the real platform, in
 * English and Chinese: an administrator creates a decision table from the list ("new rule set"),
 * gives its fact allowed values as tags, turns its column into an "in" list whose cell takes tags,
 * gives the row a param that reads a fact (picked from a list) and literals (a stay of 7 days
 * follows when days goes from 7 to 5), chooses the DMN
 * hit policy `unique`, saves, and the saved draft holds exactly that; exported as a file and
 * imported back changed, it keeps its key (a broken file is refused and said). Screenshots at 1366×768 and
 * 390×844 in test-results/rule-editor-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { builtInRuleSets } from '../../domain/library/rulesets';
import { startTestApp, uniqueKey, type TestApp } from '../support/app';
import { publishRuleSet } from '../support/rules';
import { launchChromium, snap, waitUntil } from './browser';

const EDITOR_BUILD = path.resolve(__dirname, '../../dist/editor/index.html');

jest.setTimeout(120_000);

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(EDITOR_BUILD)) throw new Error('dist/editor is missing: run `npm run build` first (npm test does)');
  app = await startTestApp({ seed: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test.each([
  { lang: 'en', locale: 'en-US', zh: '风险地区等级', en: 'Risk area level' },
  { lang: 'zh', locale: 'zh-CN', zh: '风险地区等级', en: 'Risk area level' },
])('$lang: a new decision table, its allowed values, list cells and params edited as tags and fields, saved as written', async ({ lang, locale, zh, en }) => {
  const key = uniqueKey(`e2e-new-table-${lang}`);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale, extraHTTPHeaders: await app.headers() });
  try {
    await page.goto(`${app.url}/#/`);
    await page.getByTestId('new-ruleset').click();
    await page.getByTestId('new-ruleset-key').fill(key);
    await page.getByTestId('new-ruleset-name-zh').fill(zh);
    await page.getByTestId('new-ruleset-name-en').fill(en);
    await page.getByTestId('new-ruleset-kind').selectOption('table');
    await snap(page, `rule-editor-${lang}-1366-new`);
    await page.getByTestId('new-ruleset-create').click();
    await page.getByTestId('decision-table').waitFor();
    expect(page.url()).toContain(`#/rulesets/${key}`);

    // The fact's allowed values, typed as tags: Enter and the full-width comma both end a value;
    // Backspace in the empty box takes the last one back.
    const allowed = page.getByTestId('fact-0-enum-input');
    await allowed.fill('high');
    await allowed.press('Enter');
    await allowed.fill('medium，low');
    await allowed.press('Enter');
    await allowed.press('Backspace');
    expect(await page.getByTestId('fact-0-enum-tag').allTextContents()).toEqual(['high×', 'medium×']);

    // An "in" column: its cell is a list of values.
    await page.getByTestId('column-0-operator').selectOption('in');
    const cell = page.getByTestId('cell-0-0-input');
    await cell.fill('high');
    await cell.press('Enter');
    await cell.fill('medium');
    await cell.press('Enter');
    await page.getByTestId('row-0-outcome').fill('report');

    // Params: one reads the fact, picked from the facts params may read (ticked); one is a number.
    await page.getByTestId('fact-0-readable').check();
    await page.getByTestId('row-0-params-add').click();
    await page.getByTestId('row-0-params-key-0').fill('level');
    await page.getByTestId('row-0-params-kind-0').selectOption('fact');
    await page.getByTestId('row-0-params-add').click();
    await page.getByTestId('row-0-params-key-1').fill('hours');
    await page.getByTestId('row-0-params-value-1').fill('24');
    // A length typed once: the stay of 7 days follows days from 7 to 5.
    await page.getByTestId('row-0-params-add').click();
    await page.getByTestId('row-0-params-key-2').fill('days');
    await page.getByTestId('row-0-params-value-2').fill('7');
    await page.getByTestId('row-0-params-add').click();
    await page.getByTestId('row-0-params-key-3').fill('stay');
    await page.getByTestId('row-0-params-value-3').fill('P7D');
    await page.getByTestId('row-0-params-value-2').fill('5');
    await waitUntil(() => page.getByTestId('row-0-params-value-3').inputValue(), (v) => v === 'P5D', 'the stay to follow days');
    await page.getByTestId('hit-policy').selectOption('unique');
    await snap(page, `rule-editor-${lang}-1366-table`);
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, `rule-editor-${lang}-390-table`);
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByTestId('ruleset-save').click();
    const draft = await waitUntil(
      async () => (await app.api('GET', `/api/rulesets/${key}`)).body.draft?.definition,
      (d) => d?.table?.hitPolicy === 'unique',
      'the saved draft',
    );
    expect(draft).toMatchObject({
      key,
      kind: 'table',
      name: { zh, en },
      facts: { value: { type: 'string', enum: ['high', 'medium'] } },
      paramFacts: ['value'],
      table: { hitPolicy: 'unique', columns: [{ fact: 'value', operator: 'in' }], rows: [{ cells: [['high', 'medium']], outcome: 'report', params: { level: { fact: 'value' }, hours: 24, days: 5, stay: 'P5D' } }] },
    });

    // Exported as a file, changed outside, imported again: the file's table replaces the draft's, under the same key.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toBe(`${key}.json`);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(exported).toEqual(draft);
    const changed = { ...exported, key: 'another-key', table: { ...exported.table, rows: [{ ...exported.table.rows[0], outcome: 'report-now' }] } };
    await page.getByTestId('import-file').setInputFiles({ name: 'changed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(changed)) });
    await waitUntil(() => page.getByTestId('row-0-outcome').inputValue(), (v) => v === 'report-now', 'the imported row in the grid');
    await page.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"kind": "table"') });
    await waitUntil(() => page.getByTestId('notice').getAttribute('data-kind'), (k) => k === 'error', 'the refused import to be told');
    await page.getByTestId('ruleset-save').click();
    await waitUntil(async () => (await app.api('GET', `/api/rulesets/${key}`)).body.draft?.definition, (d) => d?.table?.rows[0]?.outcome === 'report-now', 'the imported table saved under its own key');

    // The saved table decides as written: a listed value reports, with the fact read into its param.
    const tried = await app.api('POST', `/api/rulesets/${key}/evaluate`, { facts: { value: 'medium' }, draft: true });
    expect(tried.status).toBe(200);
    expect(tried.body.events).toEqual([{ type: 'report-now', params: { level: 'medium', hours: 24, days: 5, stay: 'P5D' } }]);
  } finally {
    await page.close();
  }
});

test('a rule set key that breaks the key rule is refused in the dialog before anything is sent', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', extraHTTPHeaders: await app.headers() });
  try {
    await page.goto(`${app.url}/#/`);
    await page.getByTestId('new-ruleset').click();
    await page.getByTestId('new-ruleset-key').fill('Bad_Key');
    await page.getByTestId('new-ruleset-name-zh').fill('规则');
    await page.getByTestId('new-ruleset-name-en').fill('Rules');
    expect(await page.getByTestId('new-ruleset-dialog').innerText()).toContain('以字母开头');
    expect(await page.getByTestId('new-ruleset-create').isDisabled()).toBe(true);
    await snap(page, 'rule-editor-zh-390-bad-key');
  } finally {
    await page.close();
  }
});

/**
 * One number, one place (issue 15): home quarantine 7 → 5 days in the arrival classification. The
 * params are labelled fields in the UI language; the administrator types 5 once, the quarantine
 * period derived from it follows (P5D), the test days the plan gave are flagged, and the saved draft
 * holds the one consistent length. A param declared in the rule set is added from a list.
 */
test.each([
  { lang: 'en', locale: 'en-US', daysLabel: 'Days of control', derived: 'from Days of control', investigation: 'Start an investigation (流调)' },
  { lang: 'zh', locale: 'zh-CN', daysLabel: '管控天数', derived: '由“管控天数”计算', investigation: '开展流调' },
])('$lang: typed params with labels, a derived duration that follows its days, a declared param added from a list', async ({ lang, locale, daysLabel, derived, investigation }) => {
  const key = uniqueKey(`e2e-typed-params-${lang}`);
  const arrival = builtInRuleSets.find((d) => d.key === 'arrival-classification')!;
  await publishRuleSet(app, { ...arrival, key });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale, extraHTTPHeaders: await app.headers() });
  try {
    await page.goto(`${app.url}/#/rulesets/${key}`);
    // Rule 3: medium-risk area, home quarantine {days: 7, testDays: [1, 4, 7], quarantineDuration: P7D}.
    await page.getByTestId('rule-3-params-label-0').waitFor();
    expect(await page.getByTestId('rule-3-params-label-0').innerText()).toBe(daysLabel);
    expect(await page.getByTestId('rule-3-params-value-0').getAttribute('type')).toBe('number');
    await page.getByTestId('rule-3-params-value-0').fill('5');
    await waitUntil(() => page.getByTestId('rule-3-params-value-2').innerText(), (v) => v.startsWith('P5D'), 'the quarantine period to follow days');
    expect(await page.getByTestId('rule-3-params-value-2').innerText()).toContain(derived);
    // The plan's test days are not guessed at: day 7 lies outside 5 days and is said.
    await waitUntil(() => page.getByTestId('ruleset-warnings').innerText(), (w) => w.includes('rules/3/event/params/testDays'), 'the test days to be flagged');
    await page.getByTestId('rule-3-params-value-1-input').press('Backspace');

    // A declared param the rule lacks is picked by its label; a yes/no param is a tick box.
    await page.getByTestId('rule-3-params-add-declared').selectOption({ label: investigation });
    expect(await page.getByTestId('rule-3-params-value-3').getAttribute('type')).toBe('checkbox');
    await page.getByTestId('rule-3-params-value-3').check();
    await page.getByTestId('rule-3-params-label-0').scrollIntoViewIfNeeded();
    await snap(page, `rule-editor-${lang}-1366-typed-params`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('rule-3-params-label-0').scrollIntoViewIfNeeded();
    await snap(page, `rule-editor-${lang}-390-typed-params`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('param-types-editor').scrollIntoViewIfNeeded();
    await snap(page, `rule-editor-${lang}-1366-param-types`);

    await page.getByTestId('ruleset-save').click();
    const draft = await waitUntil(
      async () => (await app.api('GET', `/api/rulesets/${key}`)).body.draft?.definition,
      (d) => d?.rules?.[3]?.event?.params?.days === 5,
      'the saved draft',
    );
    expect(draft.rules[3].event.params).toEqual({ days: 5, testDays: [1, 4], quarantineDuration: 'P5D', investigation: true });
    expect(draft.paramTypes).toEqual(arrival.paramTypes);
  } finally {
    await page.close();
  }
});
