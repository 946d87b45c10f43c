import { parseRoute, processHref } from './routes';

describe('parseRoute', () => {
  it('reads each screen', () => {
    expect(parseRoute('')).toEqual({ screen: 'list' });
    expect(parseRoute('#/processes/arrival-screening')).toEqual({ screen: 'process', key: 'arrival-screening' });
    expect(parseRoute('#/rulesets/arrival-classification')).toEqual({ screen: 'ruleset', key: 'arrival-classification' });
    expect(parseRoute('#/sandbox?nodes=300')).toEqual({ screen: 'sandbox', size: 300 });
  });

  it('bounds the sandbox size', () => {
    expect(parseRoute('#/sandbox?nodes=abc')).toEqual({ screen: 'sandbox', size: 30 });
    expect(parseRoute('#/sandbox?nodes=999999')).toEqual({ screen: 'sandbox', size: 1000 });
  });

  it('treats a malformed escape as an unknown route', () => {
    expect(parseRoute('#/processes/%E0%A4%A')).toEqual({ screen: 'list' });
  });

  it('round-trips keys through links', () => {
    expect(parseRoute(processHref('key-group-testing'))).toEqual({ screen: 'process', key: 'key-group-testing' });
  });
});
