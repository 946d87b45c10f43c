/**
 * Parity with json-rules-engine's own documented examples (README and examples/ of
 * CacheControl/json-rules-engine): our evaluation path fires the same events as the
 * library run directly with a plain Engine. Examples with dynamic facts take the
 * fact's value as a constant, since rule sets receive their facts as data; fact names
 * with '-' are spelled in camelCase, since facts are case variables.
 */
import fc from 'fast-check';
import { Engine, type EngineOptions } from 'json-rules-engine';
import { compileRuleSet, evaluateRuleSet } from './engine';
import type { FactDeclaration, Rule, TopLevelCondition } from './ruleset-schema';

interface Example {
  facts: Record<string, FactDeclaration>;
  conditions?: Record<string, TopLevelCondition>;
  paramFacts?: string[];
  rules: Rule[];
  options?: EngineOptions;
}

type Events = { type: string; params: Record<string, unknown> }[];

/** Order-free: the library emits equal-priority events in completion order. */
const normalized = (events: Events) => events.map((e) => JSON.stringify(e)).sort();

async function library(example: Example, facts: Record<string, unknown>): Promise<Events> {
  const engine = new Engine(example.rules, example.options);
  for (const [name, c] of Object.entries(example.conditions ?? {})) engine.setCondition(name, c);
  const { events } = await engine.run(facts);
  return events.map((e) => ({ type: e.type, params: e.params ?? {} }));
}

async function ours(example: Example, facts: Record<string, unknown>): Promise<Events> {
  const compiled = compileRuleSet({
    key: 'parity',
    name: { zh: '对照', en: 'Parity' },
    kind: 'rules',
    facts: example.facts,
    conditions: example.conditions,
    paramFacts: example.paramFacts,
    rules: example.rules,
  });
  return (await evaluateRuleSet(compiled, facts)).events;
}

async function expectParity(example: Example, facts: Record<string, unknown>) {
  const expected = await library(example, facts);
  expect(normalized(await ours(example, facts))).toEqual(normalized(expected));
  return expected;
}

/** examples/02-nested-boolean-logic.js: the basketball "fouledOut" rule. */
const fouledOut: Example = {
  facts: { gameDuration: { type: 'number' }, personalFoulCount: { type: 'number' } },
  rules: [
    {
      conditions: {
        any: [
          {
            all: [
              { fact: 'gameDuration', operator: 'equal', value: 40 },
              { fact: 'personalFoulCount', operator: 'greaterThanInclusive', value: 5 },
            ],
          },
          {
            all: [
              { fact: 'gameDuration', operator: 'equal', value: 48 },
              { fact: 'personalFoulCount', operator: 'greaterThanInclusive', value: 6 },
            ],
          },
        ],
      },
      event: { type: 'fouledOut', params: { message: 'Player has fouled out!' } },
    },
  ],
};

/** README "advanced" example: fact paths into the account-information object. */
const microsoftPto: Example = {
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
};

/** examples/10-condition-sharing.js: a named condition referenced, and negated. */
const conditionSharing: Example = {
  facts: { drinksOrangeJuice: { type: 'boolean' }, enjoysVodka: { type: 'boolean' }, isSociable: { type: 'boolean' } },
  conditions: {
    screwdriverAficionado: {
      all: [
        { fact: 'drinksOrangeJuice', operator: 'equal', value: true },
        { fact: 'enjoysVodka', operator: 'equal', value: true },
      ],
    },
  },
  rules: [
    {
      conditions: { all: [{ condition: 'screwdriverAficionado' }, { fact: 'isSociable', operator: 'equal', value: true }] },
      event: { type: 'invite-to-screwdriver-social' },
    },
    {
      conditions: { all: [{ not: { condition: 'screwdriverAficionado' } }, { fact: 'isSociable', operator: 'equal', value: true }] },
      event: { type: 'invite-to-other-social' },
    },
  ],
};

/** examples/11-using-facts-in-events.js: params that reference facts (and a path into one). */
const factsInEvents: Example = {
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
      event: {
        type: 'gameover',
        params: { initials: { fact: 'currentHighScore', path: '$.initials' }, score: { fact: 'currentHighScore', path: '$.score' } },
      },
    },
  ],
};

/** examples/08-fact-comparison.js: one fact's path compared with another fact's path. */
const factComparison: Example = {
  facts: { account: { type: 'object' }, product: { type: 'object' } },
  rules: [
    {
      conditions: {
        all: [{ fact: 'account', path: '$.balance', operator: 'greaterThanInclusive', value: { fact: 'product', path: '$.price' } }],
      },
      event: { type: 'customer-can-afford-gift-card' },
    },
  ],
};

describe('parity with json-rules-engine documented examples', () => {
  it('nested all/any: fouledOut', async () => {
    expect(await expectParity(fouledOut, { personalFoulCount: 6, gameDuration: 40 })).toEqual([
      { type: 'fouledOut', params: { message: 'Player has fouled out!' } },
    ]);
    expect(await expectParity(fouledOut, { personalFoulCount: 5, gameDuration: 48 })).toEqual([]);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10 }), fc.constantFrom(30, 40, 48), async (personalFoulCount, gameDuration) => {
        await expectParity(fouledOut, { personalFoulCount, gameDuration });
      }),
    );
  });

  it('fact paths: microsoft christmas pto', async () => {
    const employee = { company: 'microsoft', status: 'active', ptoDaysTaken: ['2016-12-25', '2016-12-26'] };
    expect(await expectParity(microsoftPto, { accountInformation: employee })).toHaveLength(1);
    expect(await expectParity(microsoftPto, { accountInformation: { ...employee, status: 'terminated' } })).toEqual([]);
    expect(await expectParity(microsoftPto, { accountInformation: { ...employee, company: 'apple' } })).toEqual([]);
  });

  it('shared conditions: screwdriver socials', async () => {
    const washington = { drinksOrangeJuice: true, enjoysVodka: true, isSociable: true };
    const jefferson = { drinksOrangeJuice: true, enjoysVodka: false, isSociable: true };
    expect(await expectParity(conditionSharing, washington)).toEqual([{ type: 'invite-to-screwdriver-social', params: {} }]);
    expect(await expectParity(conditionSharing, jefferson)).toEqual([{ type: 'invite-to-other-social', params: {} }]);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.boolean(), fc.boolean(), async (drinksOrangeJuice, enjoysVodka, isSociable) => {
        await expectParity(conditionSharing, { drinksOrangeJuice, enjoysVodka, isSociable });
      }),
    );
  });

  it('facts in event params: high scores', async () => {
    expect(await expectParity(factsInEvents, { currentHighScore: null, initials: 'DOG', score: 968 })).toEqual([
      { type: 'highscore', params: { initials: 'DOG', score: 968 } },
    ]);
    const best = { initials: 'DOG', score: 968 };
    expect(await expectParity(factsInEvents, { currentHighScore: best, initials: 'AAA', score: 500 })).toEqual([
      { type: 'gameover', params: { initials: 'DOG', score: 968 } },
    ]);
    expect(await expectParity(factsInEvents, { currentHighScore: best, initials: 'AAA', score: 1000 })).toEqual([
      { type: 'highscore', params: { initials: 'AAA', score: 1000 } },
    ]);
  });

  it('fact comparison: can the customer afford the gift card', async () => {
    const giftCard = { productId: 'giftCard', price: 50 };
    expect(await expectParity(factComparison, { account: { type: 'customer', balance: 500 }, product: giftCard })).toHaveLength(1);
    expect(await expectParity(factComparison, { account: { type: 'customer', balance: 30 }, product: giftCard })).toEqual([]);
  });
});
