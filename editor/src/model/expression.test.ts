import { expressionError } from './expression';

describe('expressionError', () => {
  it('accepts valid JSONata', () => {
    expect(expressionError('"arrived from " & origin')).toBeNull();
    expect(expressionError('$count(tests[result = "negative"]) >= 2')).toBeNull();
  });

  it('reports a syntax error with its position', () => {
    expect(expressionError('"unterminated')).toMatch(/@\d+/);
    expect(expressionError('a +')).not.toBeNull();
  });

  it('treats an empty field as no expression yet', () => {
    expect(expressionError('  ')).toBeNull();
  });
});
