import jsonata from 'jsonata';
import { expressionError } from '../../../workflows/expression';
import { applyCompletion, completionsAt, FUNCTIONS, wordAt } from './expression-completion';
import zh from '../i18n/zh-CN.json';
import en from '../i18n/en.json';

const VARIABLES = ['arrival', 'arrival.origin', 'arrival.originRisk', 'person', 'person.name', 'person.origin', 'quarantineDays'];

/** Types `text` with the caret at `|`, and answers the labels offered. */
function offered(marked: string, explicit = false): string[] {
  const caret = marked.indexOf('|');
  const text = marked.replace('|', '');
  return completionsAt(text, caret, VARIABLES, explicit)?.items.map((i) => i.label) ?? [];
}

describe('expression completion', () => {
  it('offers the variables a typed path starts, then those with a segment starting with it', () => {
    expect(offered('person.o|')).toEqual(['person.origin']);
    expect(offered('orig|')).toEqual(['arrival.origin', 'arrival.originRisk', 'person.origin']);
    expect(offered('quarantineDays > 7 and arr|')).toEqual(['arrival', 'arrival.origin', 'arrival.originRisk']);
  });

  it('offers functions after a $, by their signatures', () => {
    expect(offered('$cou|')).toEqual(['$count(array)']);
    expect(offered('$to|')).toEqual(['$toMillis(isoTime)']);
  });

  it('offers nothing inside a string, a comment, a number, or for an empty word unless asked', () => {
    expect(offered("'perso|")).toEqual([]);
    expect(offered('"a \\" perso|')).toEqual([]);
    expect(offered('/* perso|')).toEqual([]);
    expect(offered('12|')).toEqual([]);
    expect(offered('person = |')).toEqual([]);
    expect(offered('person = |', true).slice(0, 3)).toEqual(['arrival', 'arrival.origin', 'arrival.originRisk']);
    expect(offered("'x' & perso|")).toEqual(['person', 'person.name', 'person.origin']);
  });

  it('does not offer the word already typed in full', () => {
    expect(offered('quarantineDays|')).toEqual([]);
  });

  it('replaces the whole word at the caret and puts the caret after the completion', () => {
    const text = 'person.or + 1';
    const word = wordAt(text, 6)!;
    expect(word).toEqual({ from: 0, to: 9, text: 'person' });
    const applied = applyCompletion(text, word, { kind: 'variable', label: 'person.origin', insert: 'person.origin' });
    expect(applied).toEqual({ text: 'person.origin + 1', caret: 13 });
  });

  it('completes a function call into valid JSONata once its argument is written, without doubling a parenthesis already there', () => {
    const fn = { kind: 'function' as const, label: '$count(array)', insert: '$count(', fn: 'count' };
    const typed = applyCompletion('$co', wordAt('$co', 3)!, fn);
    expect(typed).toEqual({ text: '$count(', caret: 7 });
    expect(expressionError(`${typed.text}arrival)`)).toBeUndefined();
    expect(applyCompletion('$co(x)', wordAt('$co(x)', 3)!, fn).text).toBe('$count(x)');
  });

  it('describes every function offered in both languages, and each name is one JSONata knows', async () => {
    for (const f of FUNCTIONS) {
      expect([f.name, (zh.expression.fn as Record<string, string>)[f.name]]).toEqual([f.name, expect.any(String)]);
      expect([f.name, (en.expression.fn as Record<string, string>)[f.name]]).toEqual([f.name, expect.any(String)]);
      expect(f.signature.startsWith(`$${f.name}(`)).toBe(true);
      expect([f.name, await jsonata(`$type($${f.name})`).evaluate({})]).toEqual([f.name, 'function']);
    }
  });
});
