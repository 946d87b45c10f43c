import net from 'node:net';

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
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
