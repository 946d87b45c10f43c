/**
 * Fault 2 (cluster profile): the Temporal server SIGKILLed with 200 cases in flight. The server
 * is a cluster of this test's own (engine/temporal/cluster, on PostgreSQL, in databases made for
 * it), so the suite's server keeps serving the other test files; the supervisor restarts it.
 * The API and two workers are real processes. Every case completes, none twice: each has its
 * two notices, once each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../engine/logger';
import { startCluster, type Cluster } from '../../engine/temporal/cluster/cluster';
import { storeFromUrl } from '../../engine/temporal/cluster/store';
import { eventually, uniqueKey } from '../support/app';
import { endStatuses, notifyNode, publishOver, startAppProcesses, startCasesOver, type AppProcesses } from '../support/app-processes';
import { countingOn, faultCount } from '../support/fault-ledger';
import { signIn } from '../support/http-cases';
import { alive, freePort } from '../support/os-processes';
import { chain } from '../support/processes';
import { adminSql, adminUrl } from '../support/state';

jest.setTimeout(240_000);

const CASES = 200;
const onCluster = process.env.TEST_TEMPORAL === 'cluster';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-fault-temporal-'));
const temporalDb = `epiflow_fault_${randomBytes(3).toString('hex')}_temporal`;
let cluster: Cluster | undefined;
let app: AppProcesses | undefined;

afterAll(async () => {
  await app?.stop();
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  if (!onCluster) return;
  for (const db of [temporalDb, `${temporalDb}_visibility`]) await adminSql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
});

(onCluster ? test : test.skip)('SIGKILL of the Temporal server with 200 cases in flight: restarted, every case completes, none twice', async () => {
  const url = new URL(adminUrl());
  url.pathname = `/${temporalDb}`;
  cluster = await startCluster({ store: storeFromUrl(url.toString()), namespace: 'default', port: await freePort(), processes: 'one', dir, log: createLogger('warn', 'fault-temporal') });
  app = await startAppProcesses({ temporalAddress: cluster.address, workers: 2 });
  await signIn(app.base);
  const key = uniqueKey('fault-temporal');
  // Work on both sides of the kill: a notice, a timer, another notice.
  await publishOver(app.base, chain(key, [{ id: 'start', type: 'start' }, notifyNode('first'), { id: 'pause', type: 'timer', duration: 'PT3S' }, notifyNode('second'), { id: 'end', type: 'end', outcome: 'told' }]));
  const ids = await startCasesOver(app.base, key, CASES, 8);

  const [server] = cluster.pids();
  process.kill(server!, 'SIGKILL');
  await eventually(async () => (alive(server!) ? undefined : true), 10_000, 'the server to die');
  await eventually(async () => (cluster!.pids()[0] && cluster!.pids()[0] !== server ? true : undefined), 60_000, 'the supervisor to restart the server');

  const statuses = await endStatuses(app.base, ids, 120_000);
  const db = await countingOn(process.env.TEST_DATABASE_URL!);
  try {
    const count = await faultCount('Temporal server SIGKILLed with 200 cases in flight', db.query, statuses, 2);
    expect(count).toEqual({ started: CASES, completed: CASES, lost: 0, noticesTwice: 0 });
    const [{ n }] = await db.query(`SELECT count(*) AS n FROM notices WHERE case_id = ANY($1)`, [ids]);
    expect(Number(n)).toBe(CASES * 2);
  } finally {
    await db.end();
  }
  // The workers rode it out: neither was restarted.
  expect(app.workers.map((w) => alive(w.pid))).toEqual([true, true]);
});
