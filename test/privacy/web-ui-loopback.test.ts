/**
 * The Temporal Web UI that `npm start` runs shows raw histories: it answers on 127.0.0.1 and on
 * none of the machine's other addresses. A real dev server with its UI, as the supervisor starts it.
 */
import net from 'node:net';
import os from 'node:os';
import { createLogger } from '../../engine/logger';
import { eventually } from '../support/app';
import { startDevServer } from '../../engine/temporal/dev-server';

jest.setTimeout(120_000);

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

test('the Web UI listens on loopback only', async () => {
  const server = await startDevServer({ namespace: 'default', ui: true, log: createLogger('warn', 'test') });
  try {
    const ui = new URL(server.uiUrl!);
    expect(ui.hostname).toBe('127.0.0.1');
    const port = Number(ui.port);
    await eventually(async () => ((await fetch(ui)).status === 200 ? true : undefined), 30_000, 'the Web UI to answer');
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => Boolean(a) && !a!.internal && a!.family === 'IPv4');
    for (const address of others) expect(await accepts(address.address, port)).toBe(false);
  } finally {
    await server.stop();
  }
});
