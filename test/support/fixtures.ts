/**
 * Replay fixtures: with RECORD_HISTORIES=1, tests save the histories of the cases
 * they ran; test/replay.test.ts replays every saved history against the current
 * workflow code, so a change that breaks determinism fails the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestApp } from './app';

export const HISTORIES_DIR = path.resolve(__dirname, '../fixtures/histories');

export async function recordHistory(app: TestApp, name: string, caseId: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await app.client.workflow.getHandle(caseId).fetchHistory();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  // The workflow id matters in replay: child ids and task ids are derived from it.
  const fixture = { workflowId: caseId, history: JSON.parse(historyToJSON(history)) as unknown };
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), JSON.stringify(fixture));
}
