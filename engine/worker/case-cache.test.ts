import { cachedCases } from './case-cache';

test('by default a worker caches as many cases as half its heap holds at 4 MB a case', () => {
  // Node 20's default heap limit on a 64-bit machine with this much memory.
  expect(cachedCases(undefined, 4144)).toBe(518);
  expect(cachedCases(undefined, 8192)).toBe(1024);
});

test('a small heap still caches a few cases', () => {
  expect(cachedCases(undefined, 40)).toBe(10);
});

test('WORKER_CACHED_CASES wins over the heap', () => {
  expect(cachedCases(50, 4144)).toBe(50);
  expect(cachedCases(5000, 4144)).toBe(5000);
});
