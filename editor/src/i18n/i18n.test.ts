import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { operatorNames } from '../../../language';
import { nodeTypes } from '../../../workflows/definition/schema';
import { durationUnits } from '../model/duration';
import en from './en.json';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Leaf keys with i18next's plural suffixes folded, since the two languages pluralise differently. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const sub of keys(v, path)) out.add(sub);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('translations', () => {
  const enKeys = keys(en as Tree);
  const zhKeys = keys(zhCN as Tree);

  it('have the same keys in both languages', () => {
    // problemCode.* exists only in Chinese: English shows the validator's own, more specific message.
    const shared = (k: string) => !k.startsWith('problemCode.');
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
    expect([...zhKeys].filter((k) => shared(k) && !enKeys.has(k))).toEqual([]);
  });

  it('say every text in Chinese in the Chinese UI: no English words without a Chinese one', () => {
    // Codes, units and names in Latin letters are fine beside Chinese (「已发送事件 test-result」); a
    // text that is English only is a translation that was forgotten. The language picker names English in English.
    const chineseAnyway = new Set(['lang.en']);
    const english = (text: string) => /[a-z]{3,}/.test(text.replace(/\{\{[^}]*\}\}/g, '')) && !/[\u4e00-\u9fff]/.test(text);
    const leaves = (tree: Tree, prefix = ''): [string, string][] =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
    expect(leaves(zhCN as Tree).filter(([key, text]) => !chineseAnyway.has(key) && english(text))).toEqual([]);
  });

  it('cover every literal key the UI uses', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    }
    // A key read whole (`t('caseFields', { returnObjects: true })`) names a group of keys.
    const covered = (k: string) => enKeys.has(k) || [...enKeys].some((e) => e.startsWith(`${k}.`));
    expect([...used].filter((k) => !covered(k))).toEqual([]);
  });

  it('cover every node kind, operator and duration unit named through a template key', () => {
    const groups: Record<string, readonly string[]> = {
      kind: nodeTypes,
      kindHint: nodeTypes,
      operator: operatorNames,
      'duration.units': durationUnits,
      'run.status': ['running', 'completed', 'failed', 'cancelled', 'terminated'],
    };
    for (const [prefix, names] of Object.entries(groups)) {
      for (const name of names) expect(enKeys).toContain(`${prefix}.${name}`);
    }
  });
});
