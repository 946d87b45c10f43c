/**
 * Parity with json-rules-engine's own documented examples (README and examples/ of
 * CacheControl/json-rules-engine, kept in ./test-support): our evaluation path fires
 * the same events as the library run directly with a plain Engine.
 */
import fc from 'fast-check';
import { compileRuleSet, evaluateRuleSet } from './engine';
import {
  conditionSharing,
  exampleRuleSet,
  factComparison,
  factsInEvents,
  fouledOut,
  libraryEvents,
  microsoftPto,
  type FiredEvents,
  type ParityExample,
} from './test-support';

/** Order-free: the library emits equal-priority events in completion order. */
const normalized = (events: FiredEvents) => events.map((e) => JSON.stringify(e)).sort();

async function ours(example: ParityExample, facts: Record<string, unknown>): Promise<FiredEvents> {
  return (await evaluateRuleSet(compileRuleSet(exampleRuleSet(example, 'parity')), facts)).events;
}

async function expectParity(example: ParityExample, facts: Record<string, unknown>) {
  const expected = await libraryEvents(example, facts);
  expect(normalized(await ours(example, facts))).toEqual(normalized(expected));
  return expected;
}

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
