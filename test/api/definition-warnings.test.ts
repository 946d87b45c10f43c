/**
 * Warnings about what may run away in a case: /api/validate, draft saves and publish
 * answer them in the problem shape, and none of them refuses the definition.
 */
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { uniqueKey, useTestApp } from '../support/app';
import { validBase } from '../support/invalid-definitions';

const app = useTestApp();

/** The valid base with a recursive function and a range of unknown size in one assign, and a loop that never waits. */
function risky(key: string): ProcessDefinition {
  const d = { ...validBase(), key };
  d.nodes.push(
    { id: 'calc', type: 'assign', assign: { total: '($f := function($n){ $n <= 0 ? 0 : $n + $f($n - 1) }; $f(10))', list: '[1..count]' } },
    { id: 'inc', type: 'assign', assign: { n: 'n + 1' } },
  );
  d.edges = d.edges.map((e) => (e.id === 'e2' ? { ...e, to: 'calc' } : e.id === 'e4' ? { ...e, to: 'inc', default: undefined, condition: { all: [{ fact: 'n', operator: 'lessThan', value: 3 }] } } : e));
  d.edges.push({ id: 'e7', from: 'calc', to: 'route' }, { id: 'e8', from: 'inc', to: 'route' }, { id: 'e9', from: 'route', to: 'done', default: true });
  return d;
}

const expected = [
  { path: 'nodes/6/assign/list', nodeId: 'calc', code: 'unbounded_range', message: expect.stringContaining('a bound that is not a literal number: if it comes to over 100000 items, the case fails') },
  { path: 'nodes/6/assign/total', nodeId: 'calc', code: 'recursive_function', message: 'the function $f calls itself: the case fails if the calls nest deeper than 200 or take over 5000 steps' },
  { path: expect.stringMatching(/^nodes\/\d+$/), nodeId: expect.stringMatching(/^(route|inc)$/), code: 'loop_without_wait', message: expect.stringContaining('after 1000 steps without a wait the case fails') },
];

test('POST /api/validate answers a valid definition with its warnings', async () => {
  const res = await app.api('POST', '/api/validate', { definition: risky('risky') });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ valid: true, problems: [], warnings: expected });
});

test('creating, saving and publishing answer the warnings; publish does not refuse them', async () => {
  const key = uniqueKey('risky');
  const def = risky(key);
  const created = await app.api('POST', '/api/processes', { key, name: def.name, definition: def });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ problems: [], warnings: expected });

  const saved = await app.api('PUT', `/api/processes/${key}/draft`, { definition: def });
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({ problems: [], warnings: expected });

  const published = await app.api('POST', `/api/processes/${key}/publish`, { comment: 'on purpose' });
  expect(published.status).toBe(201);
  expect(published.body).toMatchObject({ key, version: 1, warnings: expected });
});

test('a definition with problems is refused with its problems, warnings aside', async () => {
  const def = risky('risky');
  def.edges = def.edges.filter((e) => e.id !== 'e9');
  const res = await app.api('POST', '/api/validate', { definition: def });
  expect(res.status).toBe(422);
  expect(res.body.error.problems).toContainEqual(expect.objectContaining({ code: 'missing_default', nodeId: 'route' }));
  // A draft with graph problems is still saved, with its problems and its warnings.
  const key = uniqueKey('risky');
  const created = await app.api('POST', '/api/processes', { key, name: def.name, definition: { ...def, key } });
  expect(created.status).toBe(201);
  expect(created.body.problems).toContainEqual(expect.objectContaining({ code: 'missing_default' }));
  expect(created.body.warnings.map((w: { code: string }) => w.code)).toEqual(['unbounded_range', 'recursive_function', 'loop_without_wait']);
});
