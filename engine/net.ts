import fs from 'node:fs';
import net from 'node:net';

/**
 * A TCP port free now on `host`, for a child process to bind later. Chosen at random below the
 * OS's ephemeral range: a port the OS picks for bind(0) comes from the range it also gives
 * outgoing connections, so in the seconds before the child binds it any connection could take it
 * (CI saw it). Below the range only another explicit bind can.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const below = ephemeralRangeStart();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOWEST_CHOSEN_PORT + Math.floor(Math.random() * (below - LOWEST_CHOSEN_PORT));
    if (await bindable(port, host)) return port;
  }
  return bound(0, host);
}

const LOWEST_CHOSEN_PORT = 10_000;

function ephemeralRangeStart(): number {
  try {
    const start = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return start > LOWEST_CHOSEN_PORT + 1000 ? start : 32_768;
  } catch {
    return 32_768;
  }
}

/** Binds `port` (0: the OS's choice) on `host`, closes it again and answers the port. */
function bound(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(port, host, () => {
      const { port: got } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(got));
    });
  });
}

function bindable(port: number, host: string): Promise<boolean> {
  return bound(port, host).then(() => true, () => false);
}

/** Retries `fn` with exponential backoff, logging each failure, until it succeeds or attempts run out. */
export async function retryWithBackoff<T>(
  what: string,
  fn: () => Promise<T>,
  opts: { attempts?: number; initialMs?: number; maxMs?: number; onRetry?: (err: unknown, attempt: number, delayMs: number) => void } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 8;
  let delay = opts.initialMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts) {
        throw new Error(`${what}: gave up after ${attempts} attempts: ${(err as Error).message}`);
      }
      opts.onRetry?.(err, attempt, delay);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, opts.maxMs ?? 5000);
    }
  }
}
