/**
 * `npm start` keeps its parts apart and alive: a killed worker or Temporal dev server
 * comes back by itself while the API answers (and health names what is down), cases
 * carry on, and killing the supervisor outright leaves no process behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from './support/app';
import { completeWaitingCase, json, waitingCase } from './support/http-cases';
import { commandOf, descendants, findBelow, freePort, runMain, survivors, waitForOutput } from './support/os-processes';

jest.setTimeout(240_000);

/** Reads health every 100 ms until stopped; answers every reading. */
function sampleHealth(base: string): { stop(): Promise<{ status: number; body: any }[]> } {
  const seen: { status: number; body: any }[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      seen.push(await json(`${base}/api/health`).catch((err: Error) => ({ status: 0, body: { error: err.message } })));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      return seen;
    },
  };
}

test('SIGKILL of the worker, then of the dev server: the API answers, health names the part, both come back, the case completes; SIGKILL of the launcher leaves nothing', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-supervise-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = runMain('all', { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', TEMPORAL_ADDRESS: '', DATABASE_URL: '', SEED: 'false' });
  try {
    const started = await waitForOutput(child, /More workers:/, 150_000);
    // The worker bound its metrics port itself and told the supervisor, which printed it.
    const workerMetrics = [...started.matchAll(/http:\/\/127\.0\.0\.1:\d+\/metrics/g)].map((m) => m[0]).filter((u) => !u.startsWith(base));
    expect(workerMetrics).toHaveLength(1);
    const scraped = await fetch(workerMetrics[0]);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^epi_/m);
    const caseUrl = await waitingCase(base, 'supervised');

    const worker = findBelow(child.pid!, /main\.ts worker/)!;
    expect(worker).toBeDefined();
    process.kill(worker, 'SIGKILL');
    const killedAt = Date.now();
    const down = await eventually(async () => {
      const h = await json(`${base}/api/health`);
      return h.status === 503 && h.body.worker.status === 'error' ? h : undefined;
    }, 15_000, 'health to name the worker');
    expect(down.body.worker.message).toMatch(/worker process/);
    // The API is its own process: it kept answering.
    expect((await json(`${base}/api/processes`)).status).toBe(200);
    // Restarted at once, not after a long back-off; a loaded 2-core machine took over 15 s to start one (tsx, the bundle).
    await eventually(async () => ((await json(`${base}/api/health`)).status === 200 ? true : undefined), 45_000, 'the worker to come back');
    expect(Date.now() - killedAt).toBeLessThan(45_000);
    expect(findBelow(child.pid!, /main\.ts worker/)).not.toBe(worker);

    const temporal = findBelow(child.pid!, /temporal server start-dev/)!;
    expect(temporal).toBeDefined();
    // The dev server restarts in about a second: watch health throughout rather than hope to catch the gap.
    const sampler = sampleHealth(base);
    await new Promise((r) => setTimeout(r, 300));
    process.kill(temporal, 'SIGKILL');
    await eventually(async () => (findBelow(child.pid!, /temporal server start-dev/) !== temporal ? true : undefined), 30_000, 'a new dev server');
    // Back for good: the worker's polls reconnect a moment after the server, so wait for three healthy readings in a row.
    let healthy = 0;
    await eventually(async () => {
      healthy = (await json(`${base}/api/health`)).status === 200 ? healthy + 1 : 0;
      return healthy >= 3 ? true : undefined;
    }, 45_000, 'health to stay ok');
    const readings = await sampler.stop();
    const named = readings.find((r) => r.status === 503 && r.body.temporal?.status === 'error');
    expect(named?.body.temporal.message).toEqual(expect.any(String));

    // The case outlived both: it still waits, and moves on when told.
    await completeWaitingCase(caseUrl);

    // What launched npm start (here tsx's CLI) killed outright: the supervisor notices and takes everything down.
    const tree = descendants(child.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(4);
    process.kill(child.pid!, 'SIGKILL');
    expect(await survivors(tree, 15_000)).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('SIGKILL of the supervisor itself: its parts follow it, nothing is left running', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-orphan-'));
  const port = await freePort();
  const child = runMain('all', { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', TEMPORAL_ADDRESS: '', DATABASE_URL: '', SEED: 'false' });
  try {
    await waitForOutput(child, /Web app:\s+http/, 150_000);
    const supervisor = findBelow(child.pid!, /main\.ts all/)!;
    expect(supervisor).toBeDefined();
    const parts = descendants(supervisor);
    expect(parts.map((pid) => commandOf(pid))).toEqual(expect.arrayContaining([expect.stringMatching(/main\.ts api/), expect.stringMatching(/main\.ts worker/), expect.stringMatching(/temporal server start-dev/)]));
    process.kill(supervisor, 'SIGKILL');
    expect(await survivors(parts, 15_000)).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
