import fc from 'fast-check';
import { ruleOperators } from './compiled/operators';
import type { DecisionTable, FactDeclaration, HitPolicy, TableRow } from './ruleset-schema';
import { analyzeTable, ruleSetWarnings } from './table-analysis';
import { groundOf } from './table-domains';
import { validateRuleSet } from './ruleset-validate';
import { rulesSet, tableSet } from './test-support';

const facts: Record<string, FactDeclaration> = {
  age: { type: 'number' },
  code: { type: 'string', enum: ['green', 'yellow', 'red'] },
  vaccinated: { type: 'boolean' },
  city: { type: 'string' },
  person: { type: 'object' },
};

const row = (cells: TableRow['cells'], outcome: string, extra: Partial<TableRow> = {}): TableRow => ({ cells, outcome, ...extra });

function table(hitPolicy: HitPolicy, columns: DecisionTable['columns'], rows: TableRow[]): DecisionTable {
  return { hitPolicy, columns, rows };
}

const ageAndCode: DecisionTable['columns'] = [
  { fact: 'age', operator: 'lessThan' },
  { fact: 'code', operator: 'equal' },
];

/** Problems as `code path` lines, errors and warnings apart. */
function found(t: DecisionTable) {
  const { errors, warnings } = analyzeTable(t, facts);
  return { errors: errors.map((p) => `${p.code} ${p.path}`), warnings: warnings.map((p) => `${p.code} ${p.path}`) };
}

describe('table analysis: overlaps', () => {
  it('unique: rows that match the same facts are an error on the later row, with an example', () => {
    const t = table('unique', ageAndCode, [row([18, null], 'guardian'), row([null, 'red'], 'isolate'), row([null, 'green'], 'release')]);
    const { errors } = analyzeTable(t, facts);
    expect(errors).toEqual([
      { path: 'table/rows/1', code: 'table_overlap', message: expect.stringContaining('row 1 and row 2 both match (e.g. age = 17, code = "red")') },
      { path: 'table/rows/2', code: 'table_overlap', message: expect.stringContaining('row 1 and row 3 both match') },
    ]);
  });

  it('unique: number ranges that meet at a bound overlap, ranges that only touch do not', () => {
    const columns = [{ fact: 'age', operator: 'lessThan' }, { fact: 'age', operator: 'greaterThanInclusive' }];
    const touching = table('unique', columns, [row([18, null], 'minor'), row([null, 18], 'adult')]);
    expect(found(touching)).toEqual({ errors: [], warnings: [] });
    const meeting = table('unique', [{ fact: 'age', operator: 'lessThanInclusive' }, { fact: 'age', operator: 'greaterThanInclusive' }], [row([18, null], 'minor'), row([null, 18], 'adult')]);
    expect(analyzeTable(meeting, facts).errors).toEqual([expect.objectContaining({ path: 'table/rows/1', message: expect.stringContaining('age = 18') })]);
  });

  it('unique: a row from a range and a list of the same fact (two columns bound one value)', () => {
    const columns = [{ fact: 'age', operator: 'greaterThan' }, { fact: 'age', operator: 'lessThan' }, { fact: 'city', operator: 'in' }];
    const t = table('unique', columns, [row([10, 20, ['Huaian']], 'a'), row([19, null, ['Huaian', 'Nanjing']], 'b'), row([null, null, ['Suzhou']], 'c')]);
    expect(analyzeTable(t, facts).errors).toEqual([expect.objectContaining({ path: 'table/rows/1', message: expect.stringContaining('age = 19.5, city = "Huaian"') })]);
  });

  it('unique: where an opaque column (a path) could decide either way, only a warning that says "may"', () => {
    const columns = [{ fact: 'code', operator: 'equal' }, { fact: 'person', operator: 'equal', path: 'address.city' }];
    const t = table('unique', columns, [row(['red', 'Huaian'], 'a'), row(['red', null], 'b'), row(['red', 'Nanjing'], 'c')]);
    expect(found(t)).toEqual({ errors: [], warnings: ['table_overlap table/rows/1', 'table_overlap table/rows/2', 'table_gap table', 'table_gap table'] });
    expect(analyzeTable(t, facts).warnings[0].message).toContain('may both match');
  });

  it('any: overlapping rows with equal outputs are fine, with different outputs an error', () => {
    const same = table('any', ageAndCode, [row([18, null], 'isolate', { params: { days: 7, site: 'home' } }), row([null, 'red'], 'isolate', { params: { site: 'home', days: 7 } })]);
    expect(found(same)).toEqual({ errors: [], warnings: [] });
    const differ = table('any', ageAndCode, [row([18, null], 'isolate', { params: { days: 7 } }), row([null, 'red'], 'isolate', { params: { days: 14 } })]);
    expect(found(differ).errors).toEqual(['table_overlap table/rows/1']);
  });

  it('first: rows overlapping in part with different outputs are a warning; an exception before a general row is not', () => {
    const partial = table('first', ageAndCode, [row([18, null], 'guardian'), row([null, 'red'], 'isolate')]);
    expect(found(partial)).toEqual({ errors: [], warnings: ['table_overlap table/rows/1'] });
    expect(analyzeTable(partial, facts).warnings[0].message).toContain('there row 1 decides');
    const exceptionFirst = table('first', ageAndCode, [row([18, 'red'], 'hospital'), row([null, 'red'], 'isolate'), row([null, null], 'release')]);
    expect(found(exceptionFirst)).toEqual({ errors: [], warnings: [] });
  });

  it('priority: rows of one priority that overlap with different outputs are a warning; different priorities decide', () => {
    const t = table('priority', ageAndCode, [row([18, null], 'guardian', { priority: 2 }), row([null, 'red'], 'isolate', { priority: 2 }), row([null, 'yellow'], 'test', { priority: 1 })]);
    expect(found(t)).toEqual({ errors: [], warnings: ['table_overlap table/rows/1'] });
  });
});

describe('table analysis: unreachable rows', () => {
  it('first: a row covered by one earlier row', () => {
    const t = table('first', ageAndCode, [row([null, 'red'], 'isolate'), row([18, 'red'], 'guardian'), row([null, null], 'release')]);
    expect(found(t)).toEqual({ errors: [], warnings: ['table_unreachable table/rows/1'] });
    expect(analyzeTable(t, facts).warnings[0].message).toContain('never decides: rows before it');
  });

  it('first: a row covered only by several earlier rows together', () => {
    const columns = [{ fact: 'code', operator: 'in' }, { fact: 'vaccinated', operator: 'equal' }];
    const t = table('first', columns, [row([['red'], null], 'isolate'), row([['green', 'yellow'], true], 'release'), row([['green', 'yellow'], false], 'test'), row([['green', 'yellow'], null], 'never')]);
    expect(found(t).warnings).toEqual(['table_unreachable table/rows/3']);
  });

  it('priority: a row covered by rows of higher priority', () => {
    const t = table('priority', ageAndCode, [row([null, 'red'], 'isolate', { priority: 3 }), row([18, 'red'], 'guardian', { priority: 1 }), row([null, null], 'release', { priority: 1 })]);
    expect(found(t).warnings).toEqual(['table_unreachable table/rows/1']);
  });

  it('any policy: a row no facts can match', () => {
    const t = table('collect', [{ fact: 'code', operator: 'in' }, { fact: 'age', operator: 'betweenInclusive' }], [row([['purple'], null], 'never'), row([null, [10, 5]], 'backwards'), row([null, null], 'all')]);
    expect(found(t).warnings).toEqual(['table_unreachable table/rows/0', 'table_unreachable table/rows/1']);
  });
});

describe('table analysis: gaps', () => {
  it('names the combinations of enum and boolean facts no row matches, whatever the other cells', () => {
    const columns = [{ fact: 'code', operator: 'equal' }, { fact: 'vaccinated', operator: 'equal' }, { fact: 'age', operator: 'lessThan' }];
    const t = table('collect', columns, [row(['red', null, null], 'isolate'), row(['green', true, 18], 'release'), row(['green', false, null], 'test')]);
    expect(analyzeTable(t, facts).warnings).toEqual([{ path: 'table', code: 'table_gap', message: 'no row matches code = "yellow"' }]);
    const noVaccinated = table('collect', columns, [row(['red', null, null], 'isolate'), row([null, true, null], 'release')]);
    expect(analyzeTable(noVaccinated, facts).warnings.map((w) => w.message)).toEqual([
      'no row matches code = "green", vaccinated = false',
      'no row matches code = "yellow", vaccinated = false',
    ]);
  });

  it('a catch-all row leaves no gap', () => {
    expect(found(table('first', ageAndCode, [row([18, 'red'], 'a'), row([null, null], 'b')]))).toEqual({ errors: [], warnings: [] });
  });
});

describe('wired into rule sets', () => {
  it('an overlap under unique refuses the rule set; warnings do not', () => {
    const overlapping = tableSet(table('unique', ageAndCode, [row([18, null], 'guardian'), row([null, 'red'], 'isolate')]));
    expect(validateRuleSet(overlapping)).toEqual([expect.objectContaining({ path: 'table/rows/1', code: 'table_overlap' })]);
    const firstPolicy = tableSet(table('first', ageAndCode, [row([null, 'red'], 'isolate'), row([18, 'red'], 'guardian')]));
    expect(validateRuleSet(firstPolicy)).toEqual([]);
    expect(ruleSetWarnings(firstPolicy).map((w) => `${w.code} ${w.path}`)).toEqual(['table_unreachable table/rows/1', 'table_gap table', 'table_gap table']);
  });

  it('a list of rules has no table warnings', () => {
    expect(ruleSetWarnings(rulesSet([{ conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 1 }] }, event: { type: 'x' } }]))).toEqual([]);
  });
});

describe('table analysis holds against evaluation (random tables, random facts)', () => {
  const domainFacts: Record<string, FactDeclaration> = {
    code: { type: 'string', enum: ['g', 'y', 'r'] },
    flag: { type: 'boolean' },
    age: { type: 'number' },
    city: { type: 'string' },
  };
  const columnChoices: DecisionTable['columns'] = [
    { fact: 'code', operator: 'equal' },
    { fact: 'code', operator: 'in' },
    { fact: 'code', operator: 'notIn' },
    { fact: 'flag', operator: 'equal' },
    { fact: 'age', operator: 'lessThan' },
    { fact: 'age', operator: 'greaterThanInclusive' },
    { fact: 'age', operator: 'betweenInclusive' },
    { fact: 'age', operator: 'inList' },
    { fact: 'city', operator: 'equal' },
    { fact: 'city', operator: 'in' },
  ];
  const cellFor: Record<string, fc.Arbitrary<unknown>> = {
    code: fc.constantFrom('g', 'y', 'r', ['g'], ['y', 'r'], ['g', 'r']),
    flag: fc.boolean(),
    age: fc.constantFrom(0, 10, 18, 18.5, 65, [10, 20], [18, 65], [0, 17]),
    city: fc.constantFrom('Huaian', 'Nanjing', ['Huaian'], ['Huaian', 'Suzhou']),
  };
  const tables = fc
    .record({ hitPolicy: fc.constantFrom<HitPolicy>('first', 'unique'), columns: fc.uniqueArray(fc.constantFrom(...columnChoices), { minLength: 1, maxLength: 3 }) })
    .chain(({ hitPolicy, columns }) =>
      fc
        .array(fc.tuple(...columns.map((c) => fc.option(cellFor[c.fact], { nil: null, freq: 3 }))), { minLength: 1, maxLength: 5 })
        .map((cells) => table(hitPolicy, columns, cells.map((c, i) => row(c as TableRow['cells'], `o${i}`)))),
    );
  const factSets = fc.array(
    fc.record({ code: fc.constantFrom('g', 'y', 'r'), flag: fc.boolean(), age: fc.constantFrom(-1, 0, 5, 10, 17.9, 18, 18.5, 19, 20, 64, 65, 66), city: fc.constantFrom('Huaian', 'Nanjing', 'Suzhou', 'x') }),
    { minLength: 40, maxLength: 40 },
  );
  const matches = (t: DecisionTable, r: number, given: Record<string, unknown>) =>
    t.rows[r].cells.every((cell, c) => cell === null || ruleOperators[t.columns[c].operator](given[t.columns[c].fact], cell) === true);

  it('unreachable rows never decide, reported gaps match no row, and a unique table found clean has no two rows matching', () => {
    fc.assert(
      fc.property(tables, factSets, (t, given) => {
        const { errors, warnings } = analyzeTable(t, domainFacts);
        const rowOf = (p: { path: string }) => Number(p.path.split('/')[2]);
        for (const w of warnings.filter((w) => w.code === 'table_unreachable')) {
          const j = rowOf(w);
          for (const f of given) if (matches(t, j, f)) expect(t.rows.slice(0, j).some((_, i) => matches(t, i, f))).toBe(true);
        }
        for (const w of warnings.filter((w) => w.code === 'table_gap')) {
          const fixed = [...w.message.matchAll(/(\w+) = ("[^"]*"|true|false)/g)].map(([, fact, v]) => [fact, JSON.parse(v)] as const);
          for (const f of given) if (fixed.every(([fact, v]) => (f as Record<string, unknown>)[fact] === v)) expect(t.rows.some((_, i) => matches(t, i, f))).toBe(false);
        }
        // Completeness is promised where every column is examined by value (none opaque, as `in` on a string is).
        const examined = groundOf(t, domainFacts, t.rows.map((_, i) => i)).opaque.length === 0;
        if (t.hitPolicy === 'unique' && examined && errors.length === 0 && warnings.every((w) => w.code !== 'table_overlap')) {
          for (const f of given) expect(t.rows.filter((_, i) => matches(t, i, f)).length).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
