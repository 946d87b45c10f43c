/**
 * A Temporal client connection whose close cannot crash the process. The SDK retries a failed
 * call from a timer; a retry that fires after `connection.close()` throws "Channel has been shut
 * down" from that timer, an uncaught exception (seen in CI: a test app stopped while a read was
 * being retried under load failed the next test file). Here the retries are counted: once
 * closing, none is scheduled, and close waits for those already scheduled to run first.
 */
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

/** The longest a close waits for retries already scheduled (the SDK's backoff stays under it). */
const CLOSE_WAIT_MS = 12_000;

export async function connectClosable(options: Omit<ConnectionOptions, 'interceptors'>): Promise<Connection> {
  const defaults = defaultGrpcRetryOptions();
  let closing = false;
  let pending = 0;
  let settled: (() => void) | undefined;
  const interceptor = makeGrpcRetryInterceptor({
    retryableDecider: (attempt, status) => !closing && defaults.retryableDecider(attempt, status),
    delayFunction: (attempt, status) => {
      const delay = defaults.delayFunction(attempt, status);
      pending++;
      // The retry runs when its timer fires: by then it has made its call on the open channel.
      setTimeout(() => {
        if (--pending === 0) settled?.();
      }, delay + 50).unref();
      return delay;
    },
  });
  const connection = await Connection.connect({ ...options, interceptors: [interceptor] });
  const close = connection.close.bind(connection);
  connection.close = async () => {
    closing = true;
    if (pending > 0) {
      await new Promise<void>((resolve) => {
        settled = resolve;
        setTimeout(resolve, CLOSE_WAIT_MS).unref();
      });
    }
    await close();
  };
  return connection;
}
