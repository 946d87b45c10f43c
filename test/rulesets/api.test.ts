/**
 * The rule set API: every validation code answers 422 with the problem's path and
 * writes nothing; the 400/404/409 answers; published versions stay as published,
 * and every write is in the audit log under the account that made it.
 */
import { builtInRuleSets } from '../../domain/library/rulesets';
import { AuditEntity } from '../../engine/audit/audit.entity';
import { RULESET_LIMITS } from '../../rules/ruleset-validate';
import type { Condition } from '../../language';
import type { RulesRuleSet, TableRuleSet } from '../../rules/ruleset-schema';
import { uniqueKey, useTestApp } from '../support/app';
import { adultRules, leaf, publishRuleSet } from '../support/rules';

const app = useTestApp();

const auditRows = (key: string) =>
  app.platform.services.db.getRepository(AuditEntity).find({ where: { kind: 'ruleset', key }, order: { id: 'ASC' } });

/** `levels` nested `all`s around one leaf: the leaf sits at depth levels + 1. */
function nested(levels: number): Condition {
  let c: Condition = leaf();
  for (let i = 0; i < levels; i++) c = { all: [c] };
  return c;
}

const table = (key: string, rows: TableRuleSet['table']['rows']): TableRuleSet => ({
  key,
  name: { zh: key, en: key },
  kind: 'table',
  facts: { age: { type: 'number' }, code: { type: 'string' } },
  table: { hitPolicy: 'first', columns: [{ fact: 'age', operator: 'greaterThan' }, { fact: 'code', operator: 'equal' }], rows },
});

type Invalid = [code: string, path: string, make: (key: string) => unknown];

/** One definition per validation code, each with the path its problem must name. */
const rule = (conditions: Condition, event: RulesRuleSet['rules'][0]['event'] = { type: 'x' }) => ({ conditions: conditions as RulesRuleSet['rules'][0]['conditions'], event });

const invalid: Invalid[] = [
  ['invalid_schema', 'name/en', (key) => ({ ...adultRules(key), name: { zh: '成人', en: '' } })],
  ['unknown_operator', 'rules/0/conditions/all/0/operator', (key) => adultRules(key, 7, { rules: [rule({ all: [leaf('age', 'matchesRegex')] })] })],
  ['unknown_fact', 'rules/0/conditions/any/1/fact', (key) => adultRules(key, 7, { rules: [rule({ any: [leaf(), leaf('height')] })] })],
  ['depth_exceeded', `rules/0/conditions${'/all/0'.repeat(10)}`, (key) => adultRules(key, 7, { rules: [rule(nested(10))] })],
  [
    'condition_cycle',
    'conditions/a',
    (key) => adultRules(key, 7, { conditions: { a: { all: [{ condition: 'b' }] }, b: { not: { condition: 'a' } } }, rules: [rule({ all: [{ condition: 'a' }] })] }),
  ],
  ['unknown_condition', 'rules/0/conditions/any/0/condition', (key) => adultRules(key, 7, { rules: [rule({ any: [{ condition: 'missing' }] })] })],
  [
    'param_fact_not_allowed',
    'rules/0/event/params/who/fact',
    (key) => adultRules(key, 7, { paramFacts: ['age'], rules: [rule({ all: [leaf()] }, { type: 'x', params: { who: { fact: 'person', path: 'name' } } })] }),
  ],
  ['invalid_schema', 'facts/age/description/zh', (key) => adultRules(key, 7, { facts: { age: { type: 'number', description: { zh: '' } }, person: { type: 'object' } } })],
  ['invalid_schema', 'description', (key) => ({ ...adultRules(key), description: 42 })],
  ['too_large', '', (key) => adultRules(key, 7, { description: 'x'.repeat(RULESET_LIMITS.bytes) })],
  ['too_large', 'rules', (key) => adultRules(key, 7, { rules: Array.from({ length: RULESET_LIMITS.rules + 1 }, () => rule({ all: [leaf()] })) })],
  ['bad_path', 'rules/0/conditions/all/0/path', (key) => adultRules(key, 7, { rules: [rule({ all: [{ fact: 'person', operator: 'equal', value: 1, path: '$..[?(@.x)]' }] })] })],
  ['table_shape', 'table/rows/1/cells', (key) => table(key, [{ cells: [18, 'green'], outcome: 'ok' }, { cells: [18], outcome: 'short' }])],
];
describe('validation through the API: 422 with each problem path, nothing written', () => {
  // One rule set with a published version and a draft, which no refused save may touch.
  const existing = uniqueKey('inv');
  let before: { status: number; body: unknown };
  let audited: number;
  beforeAll(async () => {
    await publishRuleSet(app, adultRules(existing, 7), 'v1', 'alice');
    expect((await app.api('PUT', `/api/rulesets/${existing}/draft`, adultRules(existing, 6))).status).toBe(200);
    before = await app.api('GET', `/api/rulesets/${existing}`);
    audited = (await auditRows(existing)).length;
  });

  it.each(invalid)('%s at "%s"', async (code, path, make) => {
    const key = uniqueKey('inv');
    const created = await app.as('alice').api('POST', '/api/rulesets', make(key));
    expect(created.status).toBe(422);
    expect(created.body.error).toMatchObject({ code: 'invalid_ruleset', problems: [expect.objectContaining({ path, code })] });
    expect((await app.api('GET', `/api/rulesets/${key}`)).status).toBe(404);

    const saved = await app.as('alice').api('PUT', `/api/rulesets/${existing}/draft`, make(existing));
    expect(saved.status).toBe(422);
    expect(saved.body.error.problems).toContainEqual(expect.objectContaining({ path, code }));
    expect(await app.api('GET', `/api/rulesets/${existing}`)).toEqual(before);
    expect(await auditRows(existing)).toHaveLength(audited);
  });

  it('reports every problem of a definition in one answer', async () => {
    const key = uniqueKey('inv');
    const def = adultRules(key, 7, {
      rules: [
        rule({ all: [leaf('height', 'like')] }),
        rule({ any: [{ condition: 'nope' }] }, { type: 'y' }),
      ],
    });
    const res = await app.api('POST', '/api/rulesets', def);
    expect(res.status).toBe(422);
    expect(res.body.error.problems.map((p: { code: string; path: string }) => `${p.code} ${p.path}`)).toEqual([
      'unknown_operator rules/0/conditions/all/0/operator',
      'unknown_fact rules/0/conditions/all/0/fact',
      'unknown_condition rules/1/conditions/any/0/condition',
    ]);
  });

  it('a derived param that says another length than its number is refused by the API, naming the param and what it should be', async () => {
    const key = uniqueKey('typed-params-api');
    const arrival = builtInRuleSets.find((d) => d.key === 'arrival-classification')!;
    const broken = structuredClone(arrival) as RulesRuleSet;
    broken.rules[3].event.params = { days: 5, testDays: [1, 4], quarantineDuration: 'P7D' };
    const res = await app.api('POST', '/api/rulesets', { ...broken, key });
    expect(res.status).toBe(422);
    expect(res.body.error.problems).toEqual([
      { path: 'rules/3/event/params/quarantineDuration', code: 'derived_param', message: 'quarantineDuration P7D does not match days = 5 (days): it should be P5D' },
    ]);
    const typo = structuredClone(arrival) as RulesRuleSet;
    typo.rules[3].event.params = { days: '5', testDays: [1, 4], quarantineDuration: 'P5D' };
    const res2 = await app.api('POST', '/api/rulesets', { ...typo, key });
    expect(res2.status).toBe(422);
    expect(res2.body.error.problems).toEqual([{ path: 'rules/3/event/params/days', code: 'param_type', message: 'days "5" is not a number' }]);
  });

  it('a body over the size limit and conditions nested 11 deep are refused at create with the problem path', async () => {
    const key = uniqueKey('big');
    const big = await app.api('POST', '/api/rulesets', adultRules(key, 7, { description: 'x'.repeat(RULESET_LIMITS.bytes) }));
    expect(big.status).toBe(422);
    expect(big.body.error.problems).toEqual([{ path: '', code: 'too_large', message: expect.stringContaining(`limit is ${RULESET_LIMITS.bytes}`) }]);

    // The level-10 `all` is allowed; its child at level 11 is the problem.
    const ten = await app.api('POST', '/api/rulesets', adultRules(key, 7, { rules: [rule(nested(9))] }));
    expect(ten.status).toBe(201);
    const eleven = await app.api('PUT', `/api/rulesets/${key}/draft`, adultRules(key, 7, { rules: [rule(nested(10))] }));
    expect(eleven.status).toBe(422);
    expect(eleven.body.error.problems).toEqual([{ path: `rules/0/conditions${'/all/0'.repeat(10)}`, code: 'depth_exceeded', message: expect.any(String) }]);

    // Over the HTTP body limit (1 MB) the request is refused before it is parsed.
    const huge = await app.api('POST', '/api/rulesets', adultRules(uniqueKey('huge'), 7, { description: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
  });

  it('values PostgreSQL cannot store as sent are refused with their path, not a 500 or a silent change', async () => {
    const key = uniqueKey('unstorable');
    await publishRuleSet(app, adultRules(key));
    const before = await app.api('GET', `/api/rulesets/${key}`);
    // The HTTP input gate refuses these for every route (test/api/input-gate.test.ts); here, that nothing is written.
    const cases: [string, string, unknown][] = [
      ['body/description', 'invalid_text', adultRules(key, 7, { description: 'a\u0000b' })],
      ['body/rules/0/conditions/all/0/value', 'invalid_text', adultRules(key, 7, { rules: [rule({ all: [leaf('age', 'equal', 'x\ud800')] })] })],
      ['body/rules/0/event/params/a\u0000', 'invalid_text', adultRules(key, 7, { rules: [rule({ all: [leaf()] }, { type: 'x', params: { 'a\u0000': 1 } })] })],
      // JSON.parse reads 1e999 as Infinity, which jsonb would store as null: "less than infinity" would become "less than null".
      ['body/rules/0/conditions/all/0/value', 'number_out_of_range', JSON.stringify(adultRules(key, 7, { rules: [rule({ all: [leaf('age', 'lessThan', 1)] })] })).replace('"value":1', '"value":1e999')],
    ];
    for (const [path, code, body] of cases) {
      const res = await app.api('PUT', `/api/rulesets/${key}/draft`, body);
      expect([res.status, res.body.error.problems]).toEqual([422, [{ path, code, message: expect.any(String) }]]);
    }
    const created = await app.api('POST', '/api/rulesets', adultRules(uniqueKey('unstorable'), 7, { description: '\udc00' }));
    expect(created.status).toBe(422);
    expect(await app.api('GET', `/api/rulesets/${key}`)).toEqual(before);
    // A surrogate pair is ordinary text.
    expect((await app.api('PUT', `/api/rulesets/${key}/draft`, adultRules(key, 7, { description: '隔离 😷' }))).status).toBe(200);
  });

  it('a draft whose key differs from the URL is refused', async () => {
    const key = uniqueKey('mismatch');
    await publishRuleSet(app, adultRules(key));
    const res = await app.api('PUT', `/api/rulesets/${key}/draft`, adultRules(uniqueKey('other')));
    expect(res.status).toBe(422);
    expect(res.body.error.problems).toEqual([expect.objectContaining({ path: 'key', code: 'key_mismatch' })]);
  });
});

describe('request errors', () => {
  it('malformed JSON: 400 on every write', async () => {
    const key = uniqueKey('bad-json');
    await publishRuleSet(app, adultRules(key));
    for (const [method, path] of [
      ['POST', '/api/rulesets'],
      ['PUT', `/api/rulesets/${key}/draft`],
      ['POST', `/api/rulesets/${key}/publish`],
      ['POST', `/api/rulesets/${key}/evaluate`],
      ['POST', `/api/rulesets/${key}/simulate`],
    ]) {
      const res = await app.api(method, path, '{"key": "x", ');
      expect([path, res.status, res.body.error?.code]).toEqual([path, 400, 'malformed_json']);
    }
  });

  it('unknown key: 404 on every route', async () => {
    const key = uniqueKey('nobody');
    for (const [method, path, body] of [
      ['GET', `/api/rulesets/${key}`, undefined],
      ['PUT', `/api/rulesets/${key}/draft`, adultRules(key)],
      ['POST', `/api/rulesets/${key}/publish`, { comment: 'x' }],
      ['GET', `/api/rulesets/${key}/versions/1`, undefined],
      ['POST', `/api/rulesets/${key}/evaluate`, { facts: { age: 30 } }],
      ['POST', `/api/rulesets/${key}/simulate`, {}],
    ] as const) {
      const res = await app.api(method, path, body);
      expect([method, path, res.status, res.body.error?.code]).toEqual([method, path, 404, 'not_found']);
    }
  });

  it('publish without a draft: 409; a version that does not exist: 404', async () => {
    const key = uniqueKey('nodraft');
    await publishRuleSet(app, adultRules(key));
    const res = await app.api('POST', `/api/rulesets/${key}/publish`, { comment: 'again' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no_draft');
    expect((await app.api('GET', `/api/rulesets/${key}/versions/2`)).status).toBe(404);
  });

  it('duplicate create: 409, the first definition kept', async () => {
    const key = uniqueKey('dup');
    expect((await app.api('POST', '/api/rulesets', adultRules(key, 7))).status).toBe(201);
    const again = await app.api('POST', '/api/rulesets', adultRules(key, 3));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_exists');
    expect((await app.api('GET', `/api/rulesets/${key}`)).body.draft.definition.rules[0].event.params.days).toBe(7);
  });

  it('concurrent creates of one key: one 201, the rest 409', async () => {
    const key = uniqueKey('race');
    const results = await Promise.all(Array.from({ length: 5 }, () => app.api('POST', '/api/rulesets', adultRules(key))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });
});

describe('versions', () => {
  it('publishing twice keeps v1 and v2 readable with their own content and hash; the audit log names each actor', async () => {
    const key = uniqueKey('versions');
    expect((await app.as('alice').api('POST', '/api/rulesets', adultRules(key, 7))).status).toBe(201);
    const v1 = await app.as('alice').api('POST', `/api/rulesets/${key}/publish`, { comment: 'seven days' });
    expect(v1).toMatchObject({ status: 201, body: { key, version: 1, author: 'alice', comment: 'seven days', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } });

    expect((await app.as('bob').api('PUT', `/api/rulesets/${key}/draft`, adultRules(key, 5))).status).toBe(200);
    const v2 = await app.as('carol').api('POST', `/api/rulesets/${key}/publish`, { comment: 'five days' });
    expect(v2).toMatchObject({ status: 201, body: { version: 2, author: 'carol' } });
    expect(v2.body.hash).not.toBe(v1.body.hash);

    const one = await app.api('GET', `/api/rulesets/${key}/versions/1`);
    const two = await app.api('GET', `/api/rulesets/${key}/versions/2`);
    expect(one.body).toMatchObject({ version: 1, hash: v1.body.hash, author: 'alice', comment: 'seven days', definition: adultRules(key, 7) });
    expect(two.body).toMatchObject({ version: 2, hash: v2.body.hash, author: 'carol', comment: 'five days', definition: adultRules(key, 5) });

    const doc = await app.api('GET', `/api/rulesets/${key}`);
    expect(doc.body).toMatchObject({ key, latestVersion: 2, draft: null, published: { version: 2, hash: v2.body.hash, definition: adultRules(key, 5) } });
    expect(doc.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const listed = (await app.api('GET', '/api/rulesets')).body.find((s: { key: string }) => s.key === key);
    expect(listed).toMatchObject({ latestVersion: 2, hasDraft: false });

    // Equal content hashes equal whatever its key order: the hash is of the canonical form.
    const reordered = Object.fromEntries(Object.entries(adultRules(key, 7)).reverse());
    expect((await app.as('alice').api('PUT', `/api/rulesets/${key}/draft`, reordered)).status).toBe(200);
    const v3 = await app.as('alice').api('POST', `/api/rulesets/${key}/publish`, { comment: 'back to seven' });
    expect(v3.body).toMatchObject({ version: 3, hash: v1.body.hash });
    expect((await app.api('GET', `/api/rulesets/${key}/versions/2`)).body).toEqual(two.body);

    const audit = await auditRows(key);
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['alice', 'create'],
      ['alice', 'publish'],
      ['bob', 'save_draft'],
      ['carol', 'publish'],
      ['alice', 'save_draft'],
      ['alice', 'publish'],
    ]);
    expect(audit[1].detail).toEqual({ version: 1, hash: v1.body.hash, comment: 'seven days' });
    expect(audit[3].detail).toEqual({ version: 2, hash: v2.body.hash, comment: 'five days' });
  });

  it('the actor is the signed-in caller; an X-User header changes nothing', async () => {
    const key = uniqueKey('actor');
    expect((await app.as('alice').api('POST', '/api/rulesets', adultRules(key), { 'x-user': 'mallory' })).status).toBe(201);
    expect((await auditRows(key)).map((a) => a.actor)).toEqual(['alice']);
  });
});
