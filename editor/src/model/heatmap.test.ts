import { heatOf, spanText } from './heatmap';

test('heat: none where no case waits, 1–4 by share of the busiest node', () => {
  expect(heatOf(0, 40)).toBe(0);
  expect(heatOf(1, 40)).toBe(1);
  expect(heatOf(10, 40)).toBe(1);
  expect(heatOf(11, 40)).toBe(2);
  expect(heatOf(30, 40)).toBe(3);
  expect(heatOf(40, 40)).toBe(4);
  expect(heatOf(3, 0)).toBe(0);
});

test('time spent in the largest unit that reads well', () => {
  expect(spanText(null)).toBe('—');
  expect(spanText(4_000)).toBe('4 s');
  expect(spanText(12 * 60_000)).toBe('12 min');
  expect(spanText(3.24 * 3_600_000)).toBe('3.2 h');
  expect(spanText(14 * 86_400_000)).toBe('14 d');
  expect(spanText(300)).toBe('0.3 s');
});
