import fc from 'fast-check';
import { jsonBytes } from './json-bytes';

const utf8Json = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

test('property: the UTF-8 length of the JSON text, for values whose strings need no escapes', () => {
  // Letters, digits, CJK and an emoji (a surrogate pair): nothing JSON.stringify would escape.
  const text = fc.string({ unit: fc.constantFrom('a', 'Z', '7', ' ', 'é', '中', '检', '😀') });
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(text, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  fc.assert(
    fc.property(json, (v) => {
      expect(jsonBytes(v, Number.MAX_SAFE_INTEGER)).toBe(utf8Json(v));
    }),
    { numRuns: 1000 },
  );
});

test('Chinese text counts three bytes a character, as Temporal measures payloads', () => {
  expect(jsonBytes('检疫', 100)).toBe(8);
});

test('counting stops once past the limit: a huge array or a cyclic object is refused without being walked', () => {
  // Reads are counted rather than timed: a loaded machine makes any time limit flaky.
  let elementReads = 0;
  const huge = new Proxy(new Array(10_000_000).fill(0), {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) elementReads++;
      return Reflect.get(target, prop, receiver);
    },
  });
  expect(jsonBytes(huge, 1024)).toBeGreaterThan(1024);
  expect(elementReads).toBe(0);

  let selfReads = 0;
  const cyclic: Record<string, unknown> = { name: 'x' };
  Object.defineProperty(cyclic, 'self', { enumerable: true, get: () => (selfReads++, cyclic) });
  expect(jsonBytes(cyclic, 1024)).toBeGreaterThan(1024);
  // Each visit adds the key's bytes at least: the walk ends within limit / 7 visits.
  expect(selfReads).toBeLessThanOrEqual(1024 / 7 + 1);
});
