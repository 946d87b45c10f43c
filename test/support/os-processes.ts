/** Running the app as a user does (`npm start`, `npm run api`) and watching its process tree. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_ADMIN_PASSWORD } from './callers';
/** The engine's own choice of a free port, for the children the tests start. */
export { freePort } from '../../engine/net';

export const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/**
 * Node's arguments to run a TypeScript file with tsx's loader in this process, not under tsx's CLI.
 * The CLI relays a signal to its child and SIGKILLs it when the child has not acknowledged within
 * about 60 ms: a child busy in PGlite's WebAssembly on a loaded machine had not, and a graceful stop
 * ended with exit code 143 (CI-like run here). Run from the project root, where `tsx` resolves.
 */
export function withTsxLoader(file: string, ...args: string[]): string[] {
  return ['--import', 'tsx', file, ...args];
}

/** Every process below `pid`, however deep. */
export function descendants(pid: number): number[] {
  const out = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).stdout;
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const all: number[] = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      all.push(c);
      stack.push(c);
    }
  }
  return all;
}

export function commandOf(pid: number): string {
  return spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The first process below `root` whose command line matches. */
export function findBelow(root: number, pattern: RegExp): number | undefined {
  return descendants(root).find((pid) => pattern.test(commandOf(pid)));
}

/** Waits until none of `pids` is alive; answers the command lines of those still alive after `ms`. */
export async function survivors(pids: number[], ms = 10_000): Promise<string[]> {
  for (let waited = 0; waited < ms && pids.some(alive); waited += 100) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(alive).map(commandOf);
}

export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${seen}`)), timeoutMs);
    const onData = (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before ${pattern}; output:\n${seen}`));
    });
  });
}


/**
 * `tsx app/main.ts <mode>` with the given environment (the suite's first administrator password
 * unless it says otherwise), output piped. `terminal`: in a process
 * group of its own, like a command started from a shell, so a test can press Ctrl-C
 * (`process.kill(-child.pid, 'SIGINT')` reaches the whole group, as a terminal's would).
 */
/**
 * Environment for every app the suite starts: the daily report's schedule is one per Temporal
 * namespace, which they all share, and npm start seals its payloads with a key ring of its own, so
 * the others could not read a schedule it kept (the schedule list failed). Only a test that asks keeps it.
 */
export const SHARED_NAMESPACE_ENV = { DAILY_REPORT_HOUR: 'off' } as const;

export function runMain(mode: 'all' | 'api' | 'worker', env: NodeJS.ProcessEnv, opts: { terminal?: boolean } = {}): ChildProcess {
  return spawn(process.execPath, [TSX, 'app/main.ts', mode], {
    cwd: ROOT,
    env: { ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...SHARED_NAMESPACE_ENV, ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.terminal,
  });
}
