/**
 * A child process kept running: started, watched, restarted with backoff when it
 * exits unasked, stopped on request. Children never outlive the supervisor: on
 * Linux they get a parent-death signal (util-linux `setpriv --pdeathsig`), so even a
 * SIGKILL of the supervisor takes them down; Node children also watch their IPC
 * channel (see parent-link.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Logger } from '../logger';

const SETPRIV = '/usr/bin/setpriv';

export interface RestartingProcessOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Open an IPC channel (Node children: ready and status messages). */
  ipc?: boolean;
  /**
   * In a process group of its own, so a terminal's Ctrl-C (sent to the whole foreground group) does not
   * reach it: it stops when stop() says, e.g. a server after the workers that drain through it.
   */
  detached?: boolean;
  /** stdout/stderr: inherited (the user sees the child's own lines), ignored, or stderr's tail kept for the exit reason. */
  output?: 'inherit' | 'ignore' | 'tail';
  log: Logger;
  /** Resolves when a fresh process is ready to serve; rejects (or the process exits) if it is not. */
  ready(child: ChildProcess): Promise<void>;
  onMessage?(message: unknown): void;
  /** Told of every change, e.g. to report the part's health. */
  onState?(state: PartState): void;
  backoff?: { initialMs: number; maxMs: number };
  stopTimeoutMs?: number;
  /**
   * For a process that can hang without exiting: checked every `everyMs` while it is up; after
   * `failures` failed checks in a row it is killed, and so restarted.
   */
  liveness?: { check(): Promise<void>; everyMs: number; failures: number };
}

export interface PartState {
  name: string;
  status: 'starting' | 'up' | 'down' | 'stopped';
  restarts: number;
  lastExit?: string;
}

/** A process that had served this long before exiting restarts without delay (the backoff starts over). */
const STABLE_AFTER_MS = 30_000;

export class RestartingProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarts = 0;
  private delayMs: number;
  private restartTimer: NodeJS.Timeout | undefined;
  private state: PartState;

  constructor(private readonly opts: RestartingProcessOptions) {
    this.delayMs = opts.backoff?.initialMs ?? 500;
    this.state = { name: opts.name, status: 'stopped', restarts: 0 };
  }

  current(): PartState {
    return this.state;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends an IPC message to the process now running, if any. */
  send(message: unknown): void {
    if (this.child?.connected) this.child.send(message as object);
  }

  private setState(patch: Partial<PartState>): void {
    this.state = { ...this.state, ...patch, restarts: this.restarts };
    this.opts.onState?.(this.state);
  }

  /** The first start: throws when the process cannot get ready, so the caller can give up cleanly. */
  async start(): Promise<void> {
    await this.launch();
  }

  private async launch(): Promise<void> {
    const { opts } = this;
    const stdio = opts.output === 'inherit' || opts.output === undefined ? 'inherit' : 'ignore';
    const usePdeathsig = process.platform === 'linux' && fs.existsSync(SETPRIV);
    const [command, args] = usePdeathsig ? [SETPRIV, ['--pdeathsig', 'TERM', '--', opts.command, ...opts.args]] : [opts.command, opts.args];
    const stderr = opts.output === 'tail' ? 'pipe' : stdio;
    const child = spawn(command, args, { env: opts.env ?? process.env, detached: opts.detached, stdio: opts.ipc ? ['ignore', stdio, stderr, 'ipc'] : ['ignore', stdio, stderr] });
    this.child = child;
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      tail = (tail + d).slice(-2000);
    });
    const startedAt = Date.now();
    this.setState({ status: 'starting' });
    if (opts.onMessage) child.on('message', (m) => opts.onMessage!(m));
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => resolve((signal ? `killed by ${signal}` : `exit code ${code}`) + (tail.trim() ? `: ${tail.trim()}` : '')));
      child.once('error', (err) => resolve(`failed to start: ${err.message}`));
    });
    let up = false;
    exited.then((how) => this.onExit(child, how, startedAt, up));
    const ready = opts.ready(child);
    const outcome = await Promise.race([ready.then(() => 'ready' as const), exited.then((how) => how)]).catch((err: Error) => `not ready: ${err.message}`);
    if (outcome !== 'ready') {
      this.child = undefined;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      this.setState({ status: 'down', lastExit: outcome });
      throw new Error(`${opts.name} did not start (${outcome})`);
    }
    up = true;
    this.setState({ status: 'up' });
    opts.log.info({ part: opts.name, pid: child.pid }, 'part is up');
    if (opts.liveness) this.watchLiveness(child, opts.liveness);
  }

  private watchLiveness(child: ChildProcess, liveness: NonNullable<RestartingProcessOptions['liveness']>): void {
    let failed = 0;
    const timer = setInterval(() => {
      liveness.check().then(
        () => {
          failed = 0;
        },
        (err: Error) => {
          failed++;
          if (failed < liveness.failures || this.child !== child) return;
          this.opts.log.warn({ part: this.opts.name, failures: failed, err: err.message }, 'part is not answering; killing it to restart it');
          child.kill('SIGKILL');
        },
      );
    }, liveness.everyMs);
    timer.unref();
    child.once('exit', () => clearInterval(timer));
  }

  private onExit(child: ChildProcess, how: string, startedAt: number, wasUp: boolean): void {
    if (this.child !== child) return;
    this.child = undefined;
    if (this.stopping) {
      this.setState({ status: 'stopped', lastExit: how });
      return;
    }
    this.setState({ status: 'down', lastExit: how });
    // A process that never got ready is reported by launch() (a first start fails; a restart retries).
    if (!wasUp) return;
    if (Date.now() - startedAt > STABLE_AFTER_MS) this.delayMs = this.opts.backoff?.initialMs ?? 500;
    this.opts.log.warn({ part: this.opts.name, exit: how, restartInMs: this.delayMs }, 'part exited; restarting');
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.opts.backoff?.maxMs ?? 10_000);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      this.restarts++;
      this.launch().catch((err: Error) => {
        if (this.stopping) return;
        this.opts.log.warn({ part: this.opts.name, err: err.message }, 'restart failed; trying again');
        this.scheduleRestart();
      });
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.setState({ status: 'stopped' });
      return;
    }
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = this.opts.stopTimeoutMs ?? 15_000;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    await gone;
    clearTimeout(timer);
  }
}
