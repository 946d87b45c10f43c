import { formatLiteral, parseLiteral } from './literal';

describe('condition literals', () => {
  it('reads JSON where it parses and text otherwise', () => {
    expect(parseLiteral('7')).toBe(7);
    expect(parseLiteral('["high","medium"]')).toEqual(['high', 'medium']);
    expect(parseLiteral('high')).toBe('high');
    expect(parseLiteral('true')).toBe(true);
  });

  it('round-trips every value through its text', () => {
    for (const v of ['high', '7', 'true', 7, true, null, ['a', 1], { hours: 8, of: 'pushedAt' }, '']) {
      expect(parseLiteral(formatLiteral(v))).toEqual(v);
    }
  });
});
