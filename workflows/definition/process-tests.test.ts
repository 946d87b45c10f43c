import { failingTestProblem, failuresOf, testVerdict, type ProcessTest } from './process-tests';

const test: ProcessTest = { name: 'adult released', expect: { status: 'completed', outcome: 'released', path: ['start', 'decide', 'released'] } };

describe('a process test verdict', () => {
  it('passes a run that is what the test expects', () => {
    expect(testVerdict(test, { status: 'completed', outcome: 'released', nodeId: 'released', path: [{ nodeId: 'start' }, { nodeId: 'decide' }, { nodeId: 'released' }] })).toMatchObject({ passed: true, failures: [], reasons: [] });
  });

  it('says how a failed run failed: a step with no stub, or a step that failed with its own words', () => {
    const noStub = testVerdict(test, { status: 'failed', nodeId: 'notice', failure: 'no_stub', error: 'no stub', path: [] });
    expect(noStub.failures[0]).toMatchObject({ code: 'no_stub', params: { expected: 'completed', node: 'notice' } });
    const broke = testVerdict(test, { status: 'failed', nodeId: 'calc', failure: 'step_failed', error: 'bad expression', path: [] });
    expect(broke.failures[0]).toMatchObject({ code: 'step_failed', params: { expected: 'completed', node: 'calc', detail: 'bad expression' } });
    expect(broke.reasons[0]).toBe("expected completed, but step 'calc' failed (bad expression)");
  });

  it('carries every reason through the problem a refused publish names, and back', () => {
    const verdict = testVerdict(test, { status: 'waiting', nodeId: 'wait', path: [{ nodeId: 'start' }, { nodeId: 'wait' }] });
    const problem = failingTestProblem(2, test.name, verdict.failures);
    expect(problem).toMatchObject({ path: 'tests/2', code: 'process_test_failed', params: { test: 'adult released', reasons: 'status,outcome,path' } });
    expect(failuresOf(problem.params)).toEqual(verdict.failures.map(({ code, params }) => ({ code, params })));
    expect(failuresOf(undefined)).toEqual([]);
  });
});
