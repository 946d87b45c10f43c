import { SessionGate } from './session-gate';

describe('SessionGate', () => {
  test('grants in arrival order, one holder at a time; a withdrawn waiter is told and skipped', async () => {
    const gate = new SessionGate<string>();
    const order: string[] = [];
    const take = (who: string) => gate.acquire(who).then((granted) => granted && order.push(who));
    const a = take('a');
    const b = take('b');
    const c = take('c');
    const d = take('d');
    await a;
    expect(gate.queueLength).toBe(3);
    gate.withdraw('c');
    expect(await c).toBe(false);
    expect(() => gate.release('b')).toThrow(/does not hold it/);
    gate.release('a');
    await b;
    gate.release('b');
    await d;
    expect(order).toEqual(['a', 'b', 'd']);
  });
});
