/**
 * Every description the built-in library shows a user reads in both product languages: those of
 * processes, their steps, rule sets and their facts ({zh, en}), and those of case variables
 * (`x-description`, as activity inputs carry theirs; the plain `description` stays English for API readers).
 */
import type { LocalizedDescription } from '../../language';
import { processLibrary } from './processes';
import { builtInRuleSets } from './rulesets';

const CHINESE = /[\u4e00-\u9fff]/;

/** Why a description is not in both languages, or nothing when it is. */
function untranslated(description: LocalizedDescription | undefined): string | undefined {
  if (description === undefined) return undefined;
  if (typeof description === 'string') return 'a plain string';
  if (!description.zh || !description.en) return `no ${description.zh ? 'en' : 'zh'} text`;
  if (!CHINESE.test(description.zh)) return 'zh text without Chinese characters';
  return undefined;
}

/** Each description of a definition with the path it stands at. */
function descriptionsOf(def: (typeof processLibrary)[number] | (typeof builtInRuleSets)[number]): [string, LocalizedDescription | undefined][] {
  const own: [string, LocalizedDescription | undefined][] = [['description', def.description]];
  if ('nodes' in def) return [...own, ...def.nodes.map((n, i): [string, LocalizedDescription | undefined] => [`nodes/${i} (${n.id})/description`, n.description])];
  return [...own, ...Object.entries(def.facts).map(([name, fact]): [string, LocalizedDescription | undefined] => [`facts/${name}/description`, fact.description])];
}

/** Each JSON Schema in `schema` with a description, by its path. */
function describedSchemas(schema: unknown, path = 'variables'): [string, Record<string, unknown>][] {
  if (typeof schema !== 'object' || schema === null) return [];
  const here: [string, Record<string, unknown>][] = 'description' in schema ? [[path, schema as Record<string, unknown>]] : [];
  return [...here, ...Object.entries(schema).flatMap(([k, v]) => describedSchemas(v, `${path}/${k}`))];
}

describe('descriptions in the built-in library', () => {
  const definitions = [...processLibrary, ...builtInRuleSets];

  it.each(definitions.map((d) => [d.key, d] as const))('%s: its own description and those of its steps or facts are in zh and en', (_key, def) => {
    const problems = descriptionsOf(def).flatMap(([path, d]) => (untranslated(d) ? [`${path}: ${untranslated(d)}`] : []));
    expect(problems).toEqual([]);
    expect(def.description).toBeDefined();
  });

  it.each(processLibrary.map((d) => [d.key, d] as const))('%s: each described variable carries x-description in zh and en', (_key, def) => {
    const problems = describedSchemas(def.variables).flatMap(([path, schema]) => {
      const text = schema['x-description'] as { zh?: string; en?: string } | undefined;
      if (!text?.zh || !text.en) return [`${path}: no x-description in both languages`];
      if (!CHINESE.test(text.zh)) return [`${path}: zh text without Chinese characters`];
      return text.en === schema.description ? [] : [`${path}: x-description.en differs from description`];
    });
    expect(problems).toEqual([]);
  });

  it('tells a plain string, a missing language and English in the zh slot apart from a translated description', () => {
    expect(untranslated({ zh: '入境人员分类管控', en: 'Classifies arrivals' })).toBeUndefined();
    expect(untranslated('Classifies arrivals')).toBe('a plain string');
    expect(untranslated({ en: 'Classifies arrivals' })).toBe('no zh text');
    expect(untranslated({ zh: 'Classifies arrivals', en: 'Classifies arrivals' })).toBe('zh text without Chinese characters');
  });
});
