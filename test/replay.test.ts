import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workerSinks } from '../engine/worker/worker';
import { HISTORIES_DIR } from './support/fixtures';

const files = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')) : [];

beforeAll(() => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this jest worker.
  }
});

test('recorded histories exist for the interpreter (see RECORD_HISTORIES in test/support/fixtures.ts)', () => {
  expect(files.length).toBeGreaterThanOrEqual(8);
});

test.each(files)('replays %s with the current workflow code, deterministically', async (file) => {
  const fixture = JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as { workflowId: string; history: unknown };
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! }, sinks: workerSinks() }, historyFromJSON(fixture.history), fixture.workflowId);
});
