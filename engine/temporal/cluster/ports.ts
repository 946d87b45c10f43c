/**
 * The cluster's ports: the frontend's is configured (TEMPORAL_PORT), the rest are free ports,
 * kept in a file under DATA_DIR so the next start uses them again. Temporal records each
 * service's membership address in its database and, on start, first tries to join the members
 * it finds there: at addresses nobody serves any more, joining waits out its 30 s limit.
 */
import fs from 'node:fs';
import net from 'node:net';
import { freePort } from '../../net';

export const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type Service = (typeof SERVICES)[number];

export interface ServicePorts {
  grpc: number;
  membership: number;
  /** Prometheus metrics of the process running this service (each process has its own). */
  metrics: number;
}

export interface ClusterPorts {
  services: Record<Service, ServicePorts>;
  frontendHttp: number;
}

/** Temporal stores membership ports as a PostgreSQL smallint, and the OS hands out free ports above it. */
const MEMBERSHIP_PORTS = { from: 20_000, to: 32_767 };

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port in the membership range, tried at random. */
async function freeMembershipPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = MEMBERSHIP_PORTS.from + Math.floor(Math.random() * (MEMBERSHIP_PORTS.to - MEMBERSHIP_PORTS.from));
    if (!taken.has(port) && (await bindable(port))) {
      taken.add(port);
      return port;
    }
  }
}

function allPorts(ports: ClusterPorts): number[] {
  return [ports.frontendHttp, ...SERVICES.flatMap((s) => [ports.services[s].grpc, ports.services[s].membership, ports.services[s].metrics])];
}

function read(file: string): ClusterPorts | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ClusterPorts;
  } catch {
    return undefined;
  }
}

/** The ports of the last start when they are all free again, else new ones (remembered in `file`). */
export async function choosePorts(frontendPort: number, file: string): Promise<ClusterPorts> {
  const last = read(file);
  if (last) {
    last.services.frontend.grpc = frontendPort;
    const free = await Promise.all(allPorts(last).map(bindable));
    if (free.every(Boolean)) return last;
  }
  const services = {} as Record<Service, ServicePorts>;
  const membership = new Set<number>();
  for (const service of SERVICES) {
    services[service] = { grpc: service === 'frontend' ? frontendPort : await freePort(), membership: await freeMembershipPort(membership), metrics: await freePort() };
  }
  const ports = { services, frontendHttp: await freePort() };
  fs.writeFileSync(file, JSON.stringify(ports, null, 2));
  return ports;
}
