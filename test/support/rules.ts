/** Builders and helpers for rule set API tests: definitions stay short, saving and publishing take one call. */
import { Engine, type EngineOptions } from 'json-rules-engine';
import { DecisionEntity, type DecisionRow } from '../../engine/decisions/decision.entity';
import { canonicalJson } from '../../engine/documents/canonical-hash';
import type { Condition } from '../../rules/condition';
import type { FactDeclaration, Rule, RulesRuleSet, TopLevelCondition } from '../../rules/ruleset-schema';
import type { TestApp } from './app';

export const leaf = (fact = 'age', operator = 'greaterThan', value: unknown = 18): Condition => ({ fact, operator, value });

/** A small valid rule set: adults get an event with the given days. */
export function adultRules(key: string, days = 7, extra: Partial<RulesRuleSet> = {}): RulesRuleSet {
  return {
    key,
    name: { zh: key, en: key },
    kind: 'rules',
    facts: { age: { type: 'number' }, person: { type: 'object' } },
    rules: [{ name: 'adult', conditions: { all: [leaf()] }, event: { type: 'adult', params: { days } } }],
    ...extra,
  };
}

/** Creates the rule set (or saves its draft when it exists) and publishes it; answers the version. */
export async function publishRuleSet(app: TestApp, def: RulesRuleSet, comment = 'test', user = 'tester'): Promise<number> {
  const headers = { 'x-user': user };
  const existing = await app.api('GET', `/api/rulesets/${def.key}`);
  const saved = existing.status === 404 ? await app.api('POST', '/api/rulesets', def, headers) : await app.api('PUT', `/api/rulesets/${def.key}/draft`, def, headers);
  if (saved.status >= 300) throw new Error(`saving ${def.key} failed: ${saved.status} ${JSON.stringify(saved.body)}`);
  const res = await app.api('POST', `/api/rulesets/${def.key}/publish`, { comment }, headers);
  if (res.status !== 201) throw new Error(`publishing ${def.key} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.version;
}

/** A recorded decision as the interpreter writes it, for the impact preview to read. */
export type SeededDecision = Pick<DecisionRow, 'instanceId' | 'nodeId' | 'rulesetKey' | 'rulesetVersion' | 'facts' | 'events' | 'outcome'>;

export async function insertDecisions(app: TestApp, rows: SeededDecision[]): Promise<void> {
  // The trace plays no part in the preview; an empty one keeps the rows small.
  await app.platform.services.db.getRepository(DecisionEntity).insert(rows.map((r) => ({ ...r, trace: [] })));
}

/**
 * json-rules-engine's own documented examples (README and examples/ of
 * CacheControl/json-rules-engine), each with facts to run. Dynamic facts are given
 * as constants, since rule sets receive their facts as data.
 */
export interface ParityExample {
  name: string;
  facts: Record<string, FactDeclaration>;
  conditions?: Record<string, TopLevelCondition>;
  paramFacts?: string[];
  rules: Rule[];
  options?: EngineOptions;
  runs: Record<string, unknown>[];
}

const product = <A, B>(as: A[], bs: B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
const booleans = [true, false];

export const parityExamples: ParityExample[] = [
  {
    // examples/01-hello-world.js
    name: 'hello world',
    facts: { displayMessage: { type: 'boolean' } },
    rules: [{ conditions: { all: [{ fact: 'displayMessage', operator: 'equal', value: true }] }, event: { type: 'message', params: { data: 'hello-world!' } } }],
    runs: booleans.map((displayMessage) => ({ displayMessage })),
  },
  {
    // examples/02-nested-boolean-logic.js
    name: 'nested boolean logic: fouled out',
    facts: { gameDuration: { type: 'number' }, personalFoulCount: { type: 'number' } },
    rules: [
      {
        conditions: {
          any: [
            { all: [{ fact: 'gameDuration', operator: 'equal', value: 40 }, { fact: 'personalFoulCount', operator: 'greaterThanInclusive', value: 5 }] },
            { all: [{ fact: 'gameDuration', operator: 'equal', value: 48 }, { fact: 'personalFoulCount', operator: 'greaterThanInclusive', value: 6 }] },
          ],
        },
        event: { type: 'fouledOut', params: { message: 'Player has fouled out!' } },
      },
    ],
    runs: product([30, 40, 48], [0, 4, 5, 6, 7]).map(([gameDuration, personalFoulCount]) => ({ gameDuration, personalFoulCount })),
  },
  {
    // README, advanced example: paths into an object fact
    name: 'fact paths: christmas pto',
    facts: { accountInformation: { type: 'object' } },
    rules: [
      {
        conditions: {
          all: [
            { fact: 'accountInformation', operator: 'equal', value: 'microsoft', path: '$.company' },
            { fact: 'accountInformation', operator: 'in', value: ['active', 'paid-leave'], path: '$.status' },
            { fact: 'accountInformation', operator: 'contains', value: '2016-12-25', path: '$.ptoDaysTaken' },
          ],
        },
        event: { type: 'microsoft-christmas-pto', params: { message: 'current microsoft employee taking christmas day off' } },
      },
    ],
    runs: product(['microsoft', 'apple'], ['active', 'paid-leave', 'terminated']).map(([company, status]) => ({
      accountInformation: { company, status, ptoDaysTaken: ['2016-12-25', '2016-12-26'] },
    })),
  },
  {
    // examples/08-fact-comparison.js: one fact's path compared with another fact's path
    name: 'fact comparison: gift card',
    facts: { account: { type: 'object' }, product: { type: 'object' } },
    rules: [
      {
        conditions: { all: [{ fact: 'account', path: '$.balance', operator: 'greaterThanInclusive', value: { fact: 'product', path: '$.price' } }] },
        event: { type: 'customer-can-afford-gift-card' },
      },
    ],
    runs: [30, 50, 500].map((balance) => ({ account: { type: 'customer', balance }, product: { productId: 'giftCard', price: 50 } })),
  },
  {
    // examples/10-condition-sharing.js: a named condition referenced, and negated
    name: 'condition sharing: socials',
    facts: { drinksOrangeJuice: { type: 'boolean' }, enjoysVodka: { type: 'boolean' }, isSociable: { type: 'boolean' } },
    conditions: {
      screwdriverAficionado: {
        all: [{ fact: 'drinksOrangeJuice', operator: 'equal', value: true }, { fact: 'enjoysVodka', operator: 'equal', value: true }],
      },
    },
    rules: [
      { conditions: { all: [{ condition: 'screwdriverAficionado' }, { fact: 'isSociable', operator: 'equal', value: true }] }, event: { type: 'invite-to-screwdriver-social' } },
      { conditions: { all: [{ not: { condition: 'screwdriverAficionado' } }, { fact: 'isSociable', operator: 'equal', value: true }] }, event: { type: 'invite-to-other-social' } },
    ],
    runs: product(product(booleans, booleans), booleans).map(([[drinksOrangeJuice, enjoysVodka], isSociable]) => ({ drinksOrangeJuice, enjoysVodka, isSociable })),
  },
  {
    // examples/11-using-facts-in-events.js: params that reference facts, and a path into one
    name: 'facts in events: high scores',
    facts: { currentHighScore: { type: 'object' }, initials: { type: 'string' }, score: { type: 'number' } },
    paramFacts: ['initials', 'score', 'currentHighScore'],
    options: { replaceFactsInEventParams: true },
    rules: [
      {
        conditions: {
          any: [
            { fact: 'currentHighScore', operator: 'equal', value: null },
            { fact: 'score', operator: 'greaterThan', value: { fact: 'currentHighScore', path: '$.score' } },
          ],
        },
        event: { type: 'highscore', params: { initials: { fact: 'initials' }, score: { fact: 'score' } } },
      },
      {
        conditions: { all: [{ fact: 'score', operator: 'lessThanInclusive', value: { fact: 'currentHighScore', path: '$.score' } }] },
        event: { type: 'gameover', params: { initials: { fact: 'currentHighScore', path: '$.initials' }, score: { fact: 'currentHighScore', path: '$.score' } } },
      },
    ],
    runs: [
      { currentHighScore: null, initials: 'DOG', score: 968 },
      { currentHighScore: { initials: 'DOG', score: 968 }, initials: 'AAA', score: 500 },
      { currentHighScore: { initials: 'DOG', score: 968 }, initials: 'AAA', score: 1000 },
    ],
  },
];

export type FiredEvents = { type: string; params: Record<string, unknown> }[];

/** The events json-rules-engine itself fires for the example, with a plain Engine. */
export async function libraryEvents(example: ParityExample, facts: Record<string, unknown>): Promise<FiredEvents> {
  const engine = new Engine(example.rules, example.options);
  for (const [name, c] of Object.entries(example.conditions ?? {})) engine.setCondition(name, c);
  const { events } = await engine.run(facts);
  return events.map((e) => ({ type: e.type, params: e.params ?? {} }));
}

/**
 * Order-free: the library emits equal-priority events in completion order, ours in definition
 * order; and params keys come back in jsonb's order, not the definition's.
 */
export const normalized = (events: FiredEvents): string[] => events.map((e) => canonicalJson(e)).sort();
