import fs from 'node:fs';
import net from 'node:net';
import { freePort } from './net';

function listenOn(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve(srv));
  });
}

test('a free port lies below the range the OS gives outgoing connections, and a child can bind it', async () => {
  const ephemeralStart = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  for (const port of ports) {
    expect(port).toBeGreaterThanOrEqual(10_000);
    expect(port).toBeLessThan(ephemeralStart);
  }
  const servers = await Promise.all([...new Set(ports)].map(listenOn));
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});
