/**
 * A connection closed while a call is being retried: the retry must not fire on the closed
 * channel (an uncaught "Channel has been shut down" from a timer, which failed a CI run).
 * The call goes through a TCP relay to the suite's Temporal, which is cut to make it retry.
 */
import net from 'node:net';
import { connectClosable } from '../engine/temporal/closable-connection';

function relay(target: string): Promise<{ address: string; cut(): void }> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        cut: () => {
          open = false;
          for (const s of sockets) s.destroy();
        },
      }),
    ),
  );
}

test('closing while a call is being retried ends the call and throws nothing later', async () => {
  const uncaught: unknown[] = [];
  const record = (err: unknown) => uncaught.push(err);
  process.on('uncaughtException', record);
  try {
    const r = await relay(process.env.TEST_TEMPORAL_ADDRESS!);
    const connection = await connectClosable({ address: r.address });
    await connection.workflowService.getSystemInfo({});
    r.cut();
    const call = connection.workflowService.getSystemInfo({}).then(
      () => 'answered',
      () => 'failed',
    );
    // Long enough for the first failure and a retry to be scheduled.
    await new Promise((res) => setTimeout(res, 300));
    await connection.close();
    expect(await call).toBe('failed');
    // Past the SDK's longest first backoffs: a retry left scheduled would have thrown by now.
    await new Promise((res) => setTimeout(res, 1500));
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', record);
  }
});
