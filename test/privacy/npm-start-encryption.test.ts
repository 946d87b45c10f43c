/**
 * `npm start` encrypts Temporal payloads without being told to: the first start writes a key ring
 * under DATA_DIR (0600 in a 0700 folder), its parts encrypt with it, and a restart reads the same
 * ring, so the cases written before are still readable. The app runs as a user runs it (its own
 * processes), on the suite's Temporal server and PostgreSQL.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { parseKeyRing } from '../../engine/temporal/payload-codec';
import { uniqueKey } from '../support/app';
import { json, signIn, waitingCase } from '../support/http-cases';
import { freePort, runMain, waitForOutput } from '../support/os-processes';

jest.setTimeout(240_000);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-keys-'));
const taskQueue = uniqueKey('keys');
let connection: Connection;

afterAll(async () => {
  await connection?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function npmStart(): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = runMain('all', {
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED: 'false',
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
    PAYLOAD_ENCRYPTION_KEYS: '',
    PAYLOAD_ENCRYPTION_KEY: '',
  });
  await waitForOutput(child, /Web app:\s+http/, 150_000);
  return { base: `http://127.0.0.1:${port}`, child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

test('the first start makes a key ring under DATA_DIR and encrypts with it; a restart keeps it and reads the old case', async () => {
  const keysFile = path.join(dataDir, 'secrets', 'payload.keys');
  const first = await npmStart();
  let caseUrl: string;
  let ring: string;
  try {
    expect(fs.statSync(keysFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(keysFile)).mode & 0o777).toBe(0o700);
    ring = fs.readFileSync(keysFile, 'utf8');
    const [key] = parseKeyRing(ring, 'test');
    await signIn(first.base);
    caseUrl = await waitingCase(first.base, uniqueKey('enc'));

    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    const caseId = caseUrl.split('/').pop()!;
    // The suite's client has no key: this is what Temporal stores.
    const history = await new Client({ connection }).workflow.getHandle(caseId).fetchHistory();
    const input = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
    expect(Buffer.from(input.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(input.metadata!['encryption-key-id']!).toString()).toBe(key.id);
  } finally {
    await stop(first.child);
  }

  const second = await npmStart();
  try {
    expect(fs.readFileSync(keysFile, 'utf8')).toBe(ring);
    await signIn(second.base);
    const again = await json(caseUrl.replace(new URL(caseUrl).origin, second.base));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'running', activeNodes: ['wait'] });
  } finally {
    await stop(second.child);
  }
});
