import { resolveLadder } from '../interpreter/ladder';
import type { Ladder } from './ladder-schema';
import type { ProcessDefinition } from './schema';
import { validateDefinition } from './validate';

/** A task that waits for a person, with `ladder` on the task node (or on `waitKind` instead). */
function withLadder(ladder: unknown, waitKind: 'task' | 'event' | 'timer' = 'task'): ProcessDefinition {
  const wait =
    waitKind === 'task'
      ? { id: 'wait', type: 'task', title: { zh: '核查', en: 'Verify' }, group: 'street', ladder }
      : waitKind === 'event'
        ? { id: 'wait', type: 'event', event: 'result', ladder }
        : { id: 'wait', type: 'timer', duration: 'P1D', ladder };
  return {
    key: 'laddered',
    name: { zh: '阶梯', en: 'Ladder' },
    nodes: [{ id: 'start', type: 'start' }, wait as ProcessDefinition['nodes'][number], { id: 'done', type: 'end' }],
    edges: [
      { id: 'e1', from: 'start', to: 'wait' },
      { id: 'e2', from: 'wait', to: 'done' },
    ],
  };
}

const step = (after: unknown, actions: unknown[] = [{ do: 'markOverdue' }]) => ({ after, actions });
const problemsOf = (ladder: unknown, kind?: 'task' | 'event' | 'timer') => validateDefinition(withLadder(ladder, kind));

describe('validating a ladder', () => {
  it('accepts the 1-3-8 ladder: notify, escalate to a group with a higher priority, mark overdue', () => {
    expect(
      problemsOf({
        steps: [
          step('PT1H', [{ do: 'notify' }]),
          step('PT3H', [{ do: 'reassign', group: 'district-office' }, { do: 'raisePriority', to: 5 }]),
          step('PT8H', [{ do: 'reassign', group: 'city' }, { do: 'markOverdue' }, { do: 'notify', to: { group: 'city' } }]),
        ],
      }),
    ).toEqual([]);
  });

  it("accepts a notice to the case's unit's duty (falling back to a group), on a task and on an event wait; refuses a duty without its group", () => {
    const toDuty = { steps: [step('PT1H', [{ do: 'notify', to: { duty: 'district-office' } }])] };
    expect(problemsOf(toDuty)).toEqual([]);
    expect(problemsOf(toDuty, 'event')).toEqual([]);
    expect(problemsOf({ steps: [step('PT1H', [{ do: 'notify', to: { duty: '' } }])] })).toEqual([expect.objectContaining({ path: 'nodes/1/ladder/steps/0/actions/0/to/duty', code: 'invalid_schema' })]);
  });

  it('accepts offsets read from a rule set outcome, counted from a case time and scaled', () => {
    expect(problemsOf({ from: 'pushedAtMs', scale: 'timeScale', rules: { ruleset: 'verification-138-deadlines', facts: { direction: 'direction' } }, steps: [step({ param: 'verifyDeadline' })] })).toEqual([]);
  });

  it('names the path of an unknown action', () => {
    const problems = problemsOf({ steps: [step('PT1H'), step('PT2H', [{ do: 'callThePolice' }])] });
    expect(problems).toEqual([expect.objectContaining({ path: 'nodes/1/ladder/steps/1/actions/0/do', code: 'invalid_schema' })]);
  });

  it('refuses a negative offset and text that is no duration, naming the step', () => {
    expect(problemsOf({ steps: [step('-PT1H')] })).toEqual([expect.objectContaining({ path: 'nodes/1/ladder/steps/0/after', code: 'bad_duration' })]);
    expect(problemsOf({ steps: [step('PT1H'), step('soon')] })).toEqual([expect.objectContaining({ path: 'nodes/1/ladder/steps/1/after', code: 'bad_duration' })]);
    expect(problemsOf({ steps: [step('P1M')] })[0].message).toMatch(/years and months/);
  });

  it('refuses huge offsets (beyond a year and a day), even ones past any safe integer', () => {
    expect(problemsOf({ steps: [step('P367D')] })).toEqual([expect.objectContaining({ path: 'nodes/1/ladder/steps/0/after', code: 'ladder_offset_too_large' })]);
    expect(problemsOf({ steps: [step('P99999999999999999999999D')] })).toEqual([expect.objectContaining({ code: 'ladder_offset_too_large' })]);
    expect(problemsOf({ steps: [step('P366D')] })).toEqual([]);
  });

  it('refuses 10,000 steps with one problem naming the steps, not ten thousand', () => {
    const problems = problemsOf({ steps: Array.from({ length: 10_000 }, () => step('PT1H')) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'nodes/1/ladder/steps', code: 'invalid_schema' });
    expect(problems[0].message).toMatch(/20/);
  });

  it('refuses an empty ladder, a step without actions, a priority out of range and unknown fields', () => {
    expect(problemsOf({ steps: [] })[0]).toMatchObject({ path: 'nodes/1/ladder/steps' });
    expect(problemsOf({ steps: [step('PT1H', [])] })[0]).toMatchObject({ path: 'nodes/1/ladder/steps/0/actions' });
    expect(problemsOf({ steps: [step('PT1H', [{ do: 'raisePriority', to: 10 }])] })[0]).toMatchObject({ path: 'nodes/1/ladder/steps/0/actions/0/to' });
    expect(problemsOf({ steps: [step('PT1H')], when: 'later' })[0]).toMatchObject({ path: 'nodes/1/ladder', code: 'invalid_schema' });
  });

  it('refuses a rule set parameter when the ladder names no rule set', () => {
    expect(problemsOf({ steps: [step({ param: 'pushDeadline' })] })).toEqual([expect.objectContaining({ path: 'nodes/1/ladder/steps/0/after', code: 'ladder_without_rules' })]);
  });

  it('checks the syntax of its expressions', () => {
    expect(problemsOf({ from: 'pushedAtMs +', steps: [step('PT1H')] })).toEqual([expect.objectContaining({ path: 'nodes/1/ladder/from', code: 'expression_syntax' })]);
  });

  it('accepts starting a subprocess as a linked case, on a task and without one; checks its input expressions and names what is missing', () => {
    const start = { do: 'startSubprocess', process: 'pharmacy-follow-up', version: 2, input: { pharmacyId: 'pharmacy.id', reason: "'no report'" } };
    for (const kind of ['task', 'event', 'timer'] as const) expect(problemsOf({ steps: [step('PT1H', [start])] }, kind)).toEqual([]);
    expect(problemsOf({ steps: [step('PT1H', [{ ...start, input: { pharmacyId: 'pharmacy.' } }])] }).map((p) => [p.path, p.code])).toEqual([['nodes/1/ladder/steps/0/actions/0/input/pharmacyId', 'expression_syntax']]);
    expect(problemsOf({ steps: [step('PT1H', [{ do: 'startSubprocess' }])] }).map((p) => [p.path, p.code])).toEqual([['nodes/1/ladder/steps/0/actions/0/process', 'invalid_schema']]);
    expect(problemsOf({ steps: [step('PT1H', [{ ...start, input: { '1bad': 'x' } }])] }).map((p) => p.code)).toEqual(['invalid_schema']);
  });

  it('on an event wait or a timer, only notifies a named group or person', () => {
    for (const kind of ['event', 'timer'] as const) {
      expect(problemsOf({ steps: [step('PT1H', [{ do: 'notify', to: { group: 'district-office' } }])] }, kind)).toEqual([]);
      const problems = problemsOf({ steps: [step('PT1H', [{ do: 'notify' }, { do: 'reassign', group: 'city' }])] }, kind);
      expect(problems.map((p) => [p.path, p.code])).toEqual([
        ['nodes/1/ladder/steps/0/actions/0/to', 'ladder_needs_recipient'],
        ['nodes/1/ladder/steps/0/actions/1/do', 'ladder_needs_task'],
      ]);
    }
  });
});

describe('resolving a ladder when its node starts', () => {
  const now = Date.parse('2026-03-02T08:00:00Z');
  const inputs = (params: Record<string, unknown> = {}, variables: Record<string, unknown> = {}) => ({
    now,
    evaluate: async (source: string) => variables[source],
    decide: async () => params,
  });

  it('counts literal offsets from the start, in time order', async () => {
    const ladder: Ladder = { steps: [step('PT3H') as Ladder['steps'][number], { after: 'PT1H', actions: [{ do: 'notify' }] }] };
    expect(await resolveLadder(ladder, inputs())).toEqual([
      { at: '2026-03-02T09:00:00.000Z', actions: [{ do: 'notify' }] },
      { at: '2026-03-02T11:00:00.000Z', actions: [{ do: 'markOverdue' }] },
    ]);
  });

  it('reads offsets from the rule set outcome, from a case time, scaled', async () => {
    const ladder: Ladder = { from: 'pushedAtMs', scale: 'timeScale', rules: { ruleset: 'verification-138-deadlines' }, steps: [{ after: { param: 'verifyDeadline' }, actions: [{ do: 'markOverdue' }] }] };
    const pushedAtMs = now - 60_000;
    const plan = await resolveLadder(ladder, inputs({ verifyDeadline: 'PT3H' }, { pushedAtMs, timeScale: 1 / 3600 }));
    expect(plan).toEqual([{ at: new Date(pushedAtMs + 3000).toISOString(), actions: [{ do: 'markOverdue' }] }]);
  });

  it('fails clearly when the rule set gives no duration, or one too long, or the scale is not positive', async () => {
    const ladder: Ladder = { rules: { ruleset: 'r' }, steps: [{ after: { param: 'verifyHours' }, actions: [{ do: 'markOverdue' }] }] };
    await expect(resolveLadder(ladder, inputs({ verifyHours: 3 }))).rejects.toThrow(/gave 3 for 'verifyHours', not an ISO duration/);
    await expect(resolveLadder(ladder, inputs({ verifyHours: 'P400D' }))).rejects.toThrow(/longer than a ladder step may be/);
    await expect(resolveLadder(ladder, inputs({ verifyHours: '-PT1H' }))).rejects.toThrow(/not an ISO-8601 duration/);
    await expect(resolveLadder({ ...ladder, scale: 'timeScale' }, inputs({ verifyHours: 'PT1H' }, { timeScale: 0 }))).rejects.toThrow(/scale/);
  });
});
