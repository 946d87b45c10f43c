/**
 * Builders and examples for rule set tests (kept beside the library; the unit tests here
 * and the API tests under test/ use them).
 */
import { Engine, type EngineOptions } from 'json-rules-engine';
import type { DecisionTable, FactDeclaration, Rule, RuleSet, RulesRuleSet, TableRuleSet, TopLevelCondition } from './ruleset-schema';

const base = {
  key: 'test-rules',
  name: { zh: '测试', en: 'Test' },
  facts: {
    age: { type: 'number' as const },
    code: { type: 'string' as const, enum: ['green', 'yellow', 'red'] },
    person: { type: 'object' as const },
  },
};

export function rulesSet(rules: Rule[], extra: Partial<Omit<RulesRuleSet, 'kind' | 'rules'>> = {}): RulesRuleSet {
  return { ...base, ...extra, kind: 'rules', rules };
}

export function tableSet(table: DecisionTable, extra: Partial<Omit<TableRuleSet, 'kind' | 'table'>> = {}): TableRuleSet {
  return { ...base, ...extra, kind: 'table', table };
}

/** A rule set as it arrives over HTTP: any JSON, to be validated. */
export function asInput(def: RuleSet): Record<string, unknown> {
  return JSON.parse(JSON.stringify(def)) as Record<string, unknown>;
}

/**
 * json-rules-engine's own documented examples (README and examples/ of
 * CacheControl/json-rules-engine), each with facts to run. Dynamic facts are given
 * as constants, since rule sets receive their facts as data; fact names with '-'
 * are spelled in camelCase, since facts are case variables.
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

/** examples/01-hello-world.js */
export const helloWorld: ParityExample = {
  name: 'hello world',
  facts: { displayMessage: { type: 'boolean' } },
  rules: [{ conditions: { all: [{ fact: 'displayMessage', operator: 'equal', value: true }] }, event: { type: 'message', params: { data: 'hello-world!' } } }],
  runs: booleans.map((displayMessage) => ({ displayMessage })),
};

/** examples/02-nested-boolean-logic.js: the basketball "fouledOut" rule, nested all/any. */
export const fouledOut: ParityExample = {
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
};

/** README, advanced example: paths into the account-information object fact. */
export const microsoftPto: ParityExample = {
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
};

/** examples/08-fact-comparison.js: one fact's path compared with another fact's path. */
export const factComparison: ParityExample = {
  name: 'fact comparison: gift card',
  facts: { account: { type: 'object' }, product: { type: 'object' } },
  rules: [
    {
      conditions: { all: [{ fact: 'account', path: '$.balance', operator: 'greaterThanInclusive', value: { fact: 'product', path: '$.price' } }] },
      event: { type: 'customer-can-afford-gift-card' },
    },
  ],
  runs: [30, 50, 500].map((balance) => ({ account: { type: 'customer', balance }, product: { productId: 'giftCard', price: 50 } })),
};

/** examples/10-condition-sharing.js: a named condition referenced, and negated. */
export const conditionSharing: ParityExample = {
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
};

/** examples/11-using-facts-in-events.js: params that reference facts, and a path into one. */
export const factsInEvents: ParityExample = {
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
};

export const parityExamples: ParityExample[] = [helloWorld, fouledOut, microsoftPto, factComparison, conditionSharing, factsInEvents];

/** The example as one of our rule sets, under `key`. */
export function exampleRuleSet(example: ParityExample, key: string): RulesRuleSet {
  const { facts, conditions, paramFacts, rules } = example;
  return { key, name: { zh: example.name, en: example.name }, kind: 'rules', facts, conditions, paramFacts, rules };
}

export type FiredEvents = { type: string; params: Record<string, unknown> }[];

/** The events json-rules-engine itself fires for the example, with a plain Engine. */
export async function libraryEvents(example: ParityExample, facts: Record<string, unknown>): Promise<FiredEvents> {
  const engine = new Engine(example.rules, example.options);
  for (const [name, c] of Object.entries(example.conditions ?? {})) engine.setCondition(name, c);
  const { events } = await engine.run(facts);
  return events.map((e) => ({ type: e.type, params: e.params ?? {} }));
}
