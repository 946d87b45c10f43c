import { pathOf, pathSegment } from './problem';

test('a path joins its segments with / and no leading slash; indexes are segments too', () => {
  expect(pathOf(['nodes', 2, 'activity'])).toBe('nodes/2/activity');
  expect(pathOf(['rules', 0, 'conditions', 'all', 1])).toBe('rules/0/conditions/all/1');
  expect(pathOf([])).toBe('');
});

test('a segment holding / or ~ is JSON-pointer escaped, so it stays one segment', () => {
  expect(pathOf(['facts', 'a/b~c'])).toBe('facts/a~1b~0c');
  // ~ first: an escaped "~1" in the input must not read back as "/".
  expect(pathSegment('~1')).toBe('~01');
});
