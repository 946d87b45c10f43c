import { caseHref, parseRoute, processHref, taskHref } from './routes';

describe('parseRoute', () => {
  it('reads each screen', () => {
    expect(parseRoute('')).toEqual({ screen: 'list' });
    expect(parseRoute('#/processes/arrival-screening')).toEqual({ screen: 'process', key: 'arrival-screening' });
    expect(parseRoute('#/rulesets/arrival-classification')).toEqual({ screen: 'ruleset', key: 'arrival-classification' });
    expect(parseRoute('#/sandbox?nodes=300')).toEqual({ screen: 'sandbox', size: 300 });
    expect(parseRoute('#/cases')).toEqual({ screen: 'cases' });
    expect(parseRoute('#/audit')).toEqual({ screen: 'audit' });
    expect(parseRoute('#/inbox')).toEqual({ screen: 'inbox' });
    expect(parseRoute('#/deadlines')).toEqual({ screen: 'deadlines' });
    expect(parseRoute('#/forms')).toEqual({ screen: 'forms' });
    expect(parseRoute('#/forms/home-visit')).toEqual({ screen: 'forms', key: 'home-visit' });
  });

  it('reads a task id back from its link', () => {
    const id = 'arrival-screening.0123456789abcdef0123456789abcdef:verify:2';
    expect(parseRoute(taskHref(id))).toEqual({ screen: 'task', id });
  });

  it('reads a case id back from its link, and keeps a filtered list a list', () => {
    const id = 'arrival-screening.0123456789abcdef0123456789abcdef';
    expect(parseRoute(caseHref(id))).toEqual({ screen: 'case', id });
    expect(parseRoute('#/cases?processKey=arrival-screening')).toEqual({ screen: 'cases' });
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
