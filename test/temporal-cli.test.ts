import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The path a fresh machine with Go takes: no CLI anywhere, so it is built with
 * `go install` into Go's bin folder, with progress in the log, and then found.
 * It runs in a child process with its own PATH and GOBIN. (Go's build cache makes
 * this take seconds once .ci/run has built the CLI.)
 */
const ROOT = path.resolve(__dirname, '..');

const SCRIPT = `
  const { findTemporalCli, installTemporalCli } = require('./engine/temporal/cli');
  const pino = require('pino');
  (async () => {
    const before = findTemporalCli() ?? null;
    const cli = await installTemporalCli(pino({ level: 'info' }, pino.destination(2)));
    process.stdout.write(JSON.stringify({ before, cli, after: findTemporalCli() }));
  })();
`;

test('with no Temporal CLI but Go on the PATH, the CLI is built with go install and then found', () => {
  const gobin = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-gobin-'));
  const goDir = path.dirname(spawnSync('which', ['go'], { encoding: 'utf8' }).stdout.trim());
  try {
    const res = spawnSync(process.execPath, ['--import', 'tsx', '-e', SCRIPT], {
      cwd: ROOT,
      // Only Go and the system folders: no CLI is on this PATH, and Go installs into the empty folder.
      env: { ...process.env, PATH: [goDir, '/usr/bin', '/bin'].join(path.delimiter), GOBIN: gobin },
      encoding: 'utf8',
      timeout: 590_000,
    });
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as { before: string | null; cli: string; after: string };
    expect(out).toEqual({ before: null, cli: path.join(gobin, 'temporal'), after: path.join(gobin, 'temporal') });
    const messages = res.stderr.trim().split('\n').map((l) => JSON.parse(l).msg as string);
    expect(messages[0]).toMatch(/^Temporal CLI not found: building it with go install/);
    expect(messages.at(-1)).toBe('Temporal CLI built');
    expect(spawnSync(out.cli, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^temporal version/);
  } finally {
    fs.rmSync(gobin, { recursive: true, force: true });
  }
}, 600_000);
