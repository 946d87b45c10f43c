import * as workflows from './index';
import { PROCESS_WORKFLOW_TYPE } from './process-workflow';

test('the interpreter is registered under the type name the API and subprocesses start it by', () => {
  expect(typeof (workflows as Record<string, unknown>)[PROCESS_WORKFLOW_TYPE]).toBe('function');
});
