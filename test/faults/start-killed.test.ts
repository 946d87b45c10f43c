/**
 * Fault 4: the whole `npm start` process tree (launcher, supervisor, API, worker, Temporal dev
 * server, embedded PostgreSQL) SIGKILLed, twice in a row, the second time right after it came
 * up and took new cases; started a third time on the same DATA_DIR, the embedded database and the
 * dev server's data are intact and every waiting case, from either run, continues to its end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { eventually } from '../support/app';
import { allWaitingAt, endStatuses, publishOver, startCasesOver } from '../support/app-processes';
import { faultCount } from '../support/fault-ledger';
import { json, post, signIn } from '../support/http-cases';
import { alive, descendants, freePort, runMain, waitForOutput } from '../support/os-processes';
import { chain } from '../support/processes';

jest.setTimeout(240_000);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-killed-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) killTree(child);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// The suite's workflow bundle, where npm start looks for it, so each start skips bundling.
for (const f of fs.readdirSync(process.env.TEST_DATA_DIR!).filter((n) => n.startsWith('workflow-bundle-'))) fs.copyFileSync(path.join(process.env.TEST_DATA_DIR!, f), path.join(dataDir, f));

/** SIGKILL to every process of the tree at once, as a power cut would. */
function killTree(child: ChildProcess): number[] {
  const tree = [child.pid!, ...descendants(child.pid!)];
  for (const pid of tree.filter(alive)) process.kill(pid, 'SIGKILL');
  return tree;
}

async function start(port: number): Promise<{ child: ChildProcess; base: string }> {
  const child = runMain('all', { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', TEMPORAL_ADDRESS: '', DATABASE_URL: '', SEED: 'false' });
  running.push(child);
  await waitForOutput(child, /Web app:\s+http/, 150_000);
  const base = `http://127.0.0.1:${port}`;
  await signIn(base);
  return { child, base };
}

async function killed(child: ChildProcess): Promise<void> {
  const tree = killTree(child);
  await eventually(async () => (tree.some(alive) ? undefined : true), 10_000, 'the tree to die');
}

test('npm start SIGKILLed twice in a row, started again on the same DATA_DIR: data intact, every waiting case continues', async () => {
  const port = await freePort();
  const first = await start(port);
  const def = chain('killed-twice', [{ id: 'start', type: 'start' }, { id: 'wait', type: 'event', event: 'go' }, { id: 'end', type: 'end', outcome: 'done' }]);
  await publishOver(first.base, def);
  const before = await startCasesOver(first.base, def.key, 5);
  await allWaitingAt(first.base, before, 'wait');
  await killed(first.child);

  // Up again, takes two more cases, and dies at once: their starts were answered 201, so they must be kept.
  const second = await start(port);
  const during = await startCasesOver(second.base, def.key, 2);
  await killed(second.child);

  const third = await start(port);
  const ids = [...before, ...during];
  await allWaitingAt(third.base, ids, 'wait');
  const definition = await json(`${third.base}/api/processes/killed-twice`);
  expect(definition.status).toBe(200);
  for (const id of ids) expect((await post(`${third.base}/api/cases/${id}/events/go`, { payload: null })).status).toBe(202);
  const statuses = await endStatuses(third.base, ids, 60_000);
  // Cases of the process, as the restarted database lists them: exactly those started, none twice.
  const listed = await json(`${third.base}/api/cases?processKey=killed-twice&limit=100`);
  expect(listed.body.items.map((c: { caseId: string }) => c.caseId).sort()).toEqual([...ids].sort());
  const count = await faultCount('npm start SIGKILLed twice', async () => [], statuses);
  expect(count).toEqual({ started: 7, completed: 7, lost: 0, noticesTwice: 0 });
  killTree(third.child);
});
