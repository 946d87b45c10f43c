/**
 * Readable at first sight: every built-in process opens in the editor with its node titles at
 * 11 px or more on screen and its start node in view, at 1366×768 and 390×844, in English and
 * Chinese (a long chain used to be fitted whole, down to specks). Fit-to-view stays a button. A
 * process may be laid out top to bottom instead, and keeps that direction; steps may be grouped
 * and collapsed into one box. Descriptions (a process's, a step's, a rule set's, a fact's) read in the
 * UI language and are edited in both.
 * Screenshots in test-results/readable-*.png and descriptions-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { processLibrary } from '../../domain/library/processes';
import { builtInRuleSets } from '../../domain/library/rulesets';
import { NODE_SIZE } from '../../editor/src/nodes/size';
import { startTestApp, uniqueKey, type TestApp } from '../support/app';
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

/** A node title's font size in CSS pixels (the body's 13 px; app.css). */
const TITLE_PX = 13;

/** The on-screen size of node titles (the canvas zoom from the start node's drawn width) and whether the start node is in the canvas. */
async function view(page: Page, startId = 'start') {
  const [start, canvas] = await Promise.all([page.getByTestId(`node-${startId}`).boundingBox(), page.getByTestId('canvas').boundingBox()]);
  if (!start || !canvas) return { titlePx: 0, startInView: false };
  const inView = start.x + start.width > canvas.x && start.x < canvas.x + canvas.width && start.y + start.height > canvas.y && start.y < canvas.y + canvas.height;
  return { titlePx: (TITLE_PX * start.width) / NODE_SIZE.width, startInView: inView };
}

test.each(SCREENS.flatMap((screen) => [{ ...screen, lang: 'en', locale: 'en-US' }, { ...screen, lang: 'zh', locale: 'zh-CN' }]))(
  '$lang $size: each built-in process opens readable, at its start',
  async ({ viewport, lang, locale, size }) => {
    const page = await browser.newPage({ viewport, locale, extraHTTPHeaders: await app.headers() });
    try {
      const seen: Record<string, number> = {};
      for (const def of processLibrary) {
        await page.goto(`${app.url}/#/processes/${def.key}`);
        await page.getByTestId('node-start').waitFor();
        // Framed once the nodes are measured: wait for the view to settle on a readable zoom.
        const shown = await waitUntil(() => view(page), (v) => v.titlePx >= 11 && v.startInView, `${def.key} readable at its start`).finally(() =>
          def.key === 'arrival-screening' ? snap(page, `readable-${lang}-${size}-${def.key}`) : undefined,
        );
        seen[def.key] = Math.round(shown.titlePx * 10) / 10;
      }
      expect(Object.keys(seen).sort()).toEqual(processLibrary.map((d) => d.key).sort());
      process.stdout.write(`[readable] ${lang} ${size}: title px on screen ${JSON.stringify(seen)}\n`);
    } finally {
      await page.close();
    }
  },
);

test.each([
  { lang: 'en', locale: 'en-US' },
  { lang: 'zh', locale: 'zh-CN' },
] as const)('$lang: a process laid out top to bottom keeps that direction, its connections entering from above', async ({ lang, locale }) => {
  const source = processLibrary.find((d) => d.key === 'verification-138')!;
  const key = uniqueKey(`e2e-down-${lang}`);
  const definition = { ...source, key, nodes: source.nodes.map(({ position: _unplaced, ...n }) => n) };
  expect((await app.api('POST', '/api/processes', { key, name: source.name, definition })).status).toBe(201);
  const page = await browser.newPage({ viewport: SCREENS[0].viewport, locale, extraHTTPHeaders: await app.headers() });
  try {
    await page.goto(`${app.url}/#/processes/${key}`);
    await page.getByTestId('node-start').waitFor();
    const successor = source.edges.find((e) => e.from === 'start')!.to;
    const above = async () => {
      const [start, next] = await Promise.all([page.getByTestId('node-start').boundingBox(), page.getByTestId(`node-${successor}`).boundingBox()]);
      return start && next ? next.y - (start.y + start.height) : -1;
    };
    expect(await page.getByTestId(`handle-in-${successor}`).getAttribute('class')).toContain('react-flow__handle-left');

    await page.getByTestId('layout-direction').selectOption('down');
    await waitUntil(above, (gap) => gap > 0, 'the start node above the step after it');
    expect(await page.getByTestId(`handle-in-${successor}`).getAttribute('class')).toContain('react-flow__handle-top');
    expect(await page.getByTestId('layout-direction').locator('option:checked').textContent()).toBe(lang === 'zh' ? '↓ 从上到下' : '↓ Top to bottom');
    await snap(page, `readable-${lang}-1366-top-to-bottom`);
    await page.getByTestId('save-draft').click();
    await waitUntil(async () => (await app.api('GET', `/api/processes/${key}`)).body.draft?.definition?.layout, (l) => l?.direction === 'down', 'the direction saved with the draft');

    // Opened again, the process is drawn as it was left, and readable at its start.
    await page.reload();
    await page.getByTestId('node-start').waitFor();
    await waitUntil(() => view(page), (v) => v.titlePx >= 11 && v.startInView, 'readable at its start');
    expect(await page.getByTestId(`handle-in-${successor}`).getAttribute('class')).toContain('react-flow__handle-top');
    expect(await above()).toBeGreaterThan(0);
  } finally {
    await page.close();
  }
});

test.each([
  { lang: 'en', locale: 'en-US' },
  { lang: 'zh', locale: 'zh-CN' },
] as const)('$lang: steps grouped, named and collapsed into one box stay so when the draft is opened again', async ({ lang, locale }) => {
  const source = processLibrary.find((d) => d.key === 'verification-138')!;
  const key = uniqueKey(`e2e-group-${lang}`);
  expect((await app.api('POST', '/api/processes', { key, name: source.name, definition: { ...source, key } })).status).toBe(201);
  const next = (id: string) => source.edges.find((e) => e.from === id)!.to;
  const members = [next('start'), next(next('start')), next(next(next('start')))];
  const page = await browser.newPage({ viewport: SCREENS[0].viewport, locale, extraHTTPHeaders: await app.headers() });
  try {
    await page.goto(`${app.url}/#/processes/${key}`);
    await page.getByTestId('node-start').waitFor();
    expect(await page.getByTestId('group-selected').isDisabled()).toBe(true);
    const edgesBefore = await page.locator('.react-flow__edge').count();
    await page.getByTestId(`node-${members[0]}`).click();
    for (const id of members.slice(1)) await page.getByTestId(`node-${id}`).click({ modifiers: ['Control'] });
    await page.getByTestId('group-selected').click();
    const name = page.getByTestId('group-name-group1');
    expect(await name.inputValue()).toBe(lang === 'zh' ? '分组 1' : 'Group 1');
    await name.fill(lang === 'zh' ? '登记与期限' : 'Registration and deadlines');
    await snap(page, `readable-${lang}-1366-group-open`);

    await page.getByTestId('group-collapse-group1').click();
    const box = page.getByTestId('group-box-group1');
    await box.waitFor();
    expect(await box.textContent()).toContain(lang === 'zh' ? '3 个步骤' : '3 steps');
    for (const id of members) expect(await page.getByTestId(`node-${id}`).count()).toBe(0);
    // The edges across the box's border are drawn to and from it (the one from the start, those leaving the last member); the two inside are not.
    const drawn = (id: string) => page.getByTestId(`rf__edge-${id}`).count();
    const crossing = source.edges.filter((e) => e.to === members[0] || e.from === members[2]);
    const inside = source.edges.filter((e) => members.includes(e.from) && members.includes(e.to));
    expect([crossing.length, inside.length]).toEqual([1 + source.edges.filter((e) => e.from === members[2]).length, 2]);
    await waitUntil(async () => Promise.all(crossing.map((e) => drawn(e.id))), (n) => n.every((c) => c === 1), 'the crossing edges drawn to and from the box');
    expect(await Promise.all(inside.map((e) => drawn(e.id)))).toEqual([0, 0]);
    expect(await page.locator('.react-flow__edge').count()).toBe(edgesBefore - 2);
    await snap(page, `readable-${lang}-1366-group-collapsed`);
    await page.getByTestId('save-draft').click();
    await waitUntil(async () => (await app.api('GET', `/api/processes/${key}`)).body.draft?.definition?.groups, (g) => g?.[0]?.collapsed === true, 'the group saved with the draft');
    const saved = (await app.api('GET', `/api/processes/${key}`)).body.draft.definition;
    expect(saved.groups).toEqual([{ id: 'group1', name: { zh: lang === 'zh' ? '登记与期限' : '分组 1', en: lang === 'zh' ? 'Group 1' : 'Registration and deadlines' }, nodes: members, collapsed: true }]);

    await page.reload();
    await page.getByTestId('group-box-group1').waitFor();
    await page.getByTestId('group-expand-group1').click();
    for (const id of members) await page.getByTestId(`node-${id}`).waitFor();
    expect(await page.getByTestId('group-box-group1').count()).toBe(0);

    // A step found by the search box inside a collapsed group opens the group and is selected.
    await page.getByTestId('group-collapse-group1').click();
    await page.getByTestId('group-box-group1').waitFor();
    const title = (source.nodes.find((n) => n.id === members[1]) as { title?: { zh: string; en: string }; label?: { zh: string; en: string } });
    await page.getByTestId('node-finder').fill((title.title ?? title.label)![lang]);
    await page.getByTestId('node-finder').press('Enter');
    await page.getByTestId(`node-${members[1]}`).waitFor();
    expect(await page.getByTestId('group-box-group1').count()).toBe(0);
    await waitUntil(() => page.locator(`.react-flow__node.selected [data-testid="node-${members[1]}"]`).count(), (n) => n === 1, 'the found step selected');
  } finally {
    await page.close();
  }
});

/** Whether a text has Chinese characters. */
const chinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

test.each(SCREENS.flatMap((screen) => [{ ...screen, lang: 'en' as const, locale: 'en-US' }, { ...screen, lang: 'zh' as const, locale: 'zh-CN' }]))(
  '$lang $size: descriptions of a process, a step, a rule set and its facts read in the UI language, and edit in both',
  async ({ viewport, lang, locale, size }) => {
    const source = processLibrary.find((d) => d.key === 'arrival-screening')!;
    const described = (id: string) => source.nodes.find((n) => n.id === id)!.description as { zh: string; en: string };
    const key = uniqueKey(`e2e-described-${lang}`);
    // One step keeps a plain Chinese string, as a definition stored before descriptions were bilingual.
    const legacy = '研判时从中高风险地区名单读取来源地的风险等级';
    const definition = { ...source, key, nodes: source.nodes.map((n) => (n.id === 'originArea' ? { ...n, description: legacy } : n)) };
    expect((await app.api('POST', '/api/processes', { key, name: source.name, definition })).status).toBe(201);
    const page = await browser.newPage({ viewport, locale, extraHTTPHeaders: await app.headers() });
    const select = async (id: string) => {
      const node = source.nodes.find((n) => n.id === id) as { label: { zh: string; en: string } };
      await page.getByTestId('node-finder').fill(node.label[lang]);
      await page.getByTestId(`node-finder-match-${id}`).click();
      await waitUntil(() => page.getByTestId('node-panel').getAttribute('data-node-id'), (shown) => shown === id, `the panel of ${id}`);
    };
    const field = (testId: string) => page.getByTestId(testId).inputValue();
    try {
      await page.goto(`${app.url}/#/processes/${key}`);
      await page.getByTestId('node-start').waitFor();
      const processText = source.description as { zh: string; en: string };
      expect([await field('field-process-description-zh'), await field('field-process-description-en')]).toEqual([processText.zh, processText.en]);
      expect(chinese(processText.zh)).toBe(true);
      await page.getByTestId('field-process-description-zh').scrollIntoViewIfNeeded();
      await snap(page, `descriptions-${lang}-${size}-process`);
      // In English, the process's English description is rewritten (saved below with a step's).
      if (lang === 'en') await page.getByTestId('field-process-description-en').fill('Arrivals are registered, checked and classified.');

      await select('classify');
      expect([await field('field-description-zh'), await field('field-description-en')]).toEqual([described('classify').zh, described('classify').en]);
      expect(chinese(described('classify').zh)).toBe(true);
      // The plain string opens on the side of its language.
      await select('originArea');
      expect([await field('field-description-zh'), await field('field-description-en')]).toEqual([legacy, '']);
      await page.getByTestId('field-description-zh').scrollIntoViewIfNeeded();
      await snap(page, `descriptions-${lang}-${size}-step`);

      if (lang === 'en') {
        // Writing its English turns the step's plain string into {zh, en}; the process's English changed beside its Chinese.
        await page.getByTestId('field-description-en').fill('Reads the origin\'s level from the risk-area list');
        await page.getByTestId('save-draft').click();
        const saved = await waitUntil(
          async () => (await app.api('GET', `/api/processes/${key}`)).body.draft?.definition,
          (d) => typeof d?.description === 'object' && d.description.en === 'Arrivals are registered, checked and classified.',
          'the edited description saved with the draft',
        );
        expect(saved.description).toEqual({ zh: processText.zh, en: 'Arrivals are registered, checked and classified.' });
        expect(saved.nodes.find((n: { id: string }) => n.id === 'originArea').description).toEqual({ zh: legacy, en: 'Reads the origin\'s level from the risk-area list' });
      }

      // A rule set's description and its facts' read in the UI language, each opening onto its two fields.
      const rules = builtInRuleSets.find((r) => r.key === 'arrival-classification')!;
      await page.goto(`${app.url}/#/rulesets/${rules.key}`);
      const rulesText = page.getByTestId('ruleset-description-text');
      await rulesText.waitFor();
      // The first fact as listed (the store keeps a definition's keys in its own order).
      const firstFact = await page.getByTestId('facts-editor').locator('tbody tr').first().locator('input').first().inputValue();
      const factText = rules.facts[firstFact].description as { zh: string; en: string };
      expect([await rulesText.textContent(), await page.getByTestId('fact-0-description-text').textContent()]).toEqual([
        (rules.description as { zh: string; en: string })[lang],
        factText[lang],
      ]);
      await snap(page, `descriptions-${lang}-${size}-ruleset-top`);
      await page.getByTestId('fact-0-description-text').click();
      expect([await field('fact-0-description-zh'), await field('fact-0-description-en')]).toEqual([factText.zh, factText.en]);
      await page.getByTestId('facts-editor').scrollIntoViewIfNeeded();
      await snap(page, `descriptions-${lang}-${size}-ruleset`);
    } finally {
      await page.close();
    }
  },
);

test('a process of 1,000 steps opens drawing only the steps in view, and fit-to-view still frames all of it', async () => {
  const page = await browser.newPage({ viewport: SCREENS[0].viewport, locale: 'en-US', extraHTTPHeaders: await app.headers() });
  const drawn = () => page.locator('.react-flow__node').count();
  try {
    await page.goto(`${app.url}/#/sandbox?nodes=1000`);
    await page.getByTestId('node-n0').waitFor();
    await waitUntil(() => view(page, 'n0'), (v) => v.titlePx >= 11 && v.startInView, 'the first view readable, at its start');
    // React Flow rendered every node once to measure it, in view or not: 1,000 in the DOM.
    expect(await drawn()).toBeLessThan(100);
    await page.locator('.react-flow__controls-fitview').click();
    await waitUntil(drawn, (n) => n > 500, 'the whole process drawn once fitted');
    await snap(page, 'readable-en-1366-1000-steps-fitted');
  } finally {
    await page.close();
  }
});
