/**
 * How a server process is told its configuration: deploy/temporal/server.yaml is a template
 * the server renders itself, and this fills in its variables (ports, database, log file).
 * docker-compose.yml mounts the same file and sets the same variables.
 */
import path from 'node:path';
import type { ClusterPorts, Service } from './ports';
import type { TemporalStore } from './store';

/** The folder holding the template (`server.yaml`, hence `--env server`). */
export const CONFIG_DIR = path.resolve(__dirname, '../../../deploy/temporal');

/** The template's variables for a process running `service` (or all four, whose metrics are then the frontend's port). */
export function serverEnv(store: TemporalStore, ports: ClusterPorts, logFile: string, service: Service = 'frontend'): NodeJS.ProcessEnv {
  const { services } = ports;
  return {
    ...process.env,
    TEMPORAL_DB_HOST: store.host,
    TEMPORAL_DB_PORT: String(store.port),
    TEMPORAL_DB_USER: store.user,
    TEMPORAL_DB_PASSWORD: store.password,
    TEMPORAL_DB_NAME: store.database,
    TEMPORAL_VISIBILITY_DB_NAME: store.visibilityDatabase,
    TEMPORAL_BIND_IP: '127.0.0.1',
    TEMPORAL_FRONTEND_PORT: String(services.frontend.grpc),
    TEMPORAL_FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    TEMPORAL_HISTORY_PORT: String(services.history.grpc),
    TEMPORAL_MATCHING_PORT: String(services.matching.grpc),
    TEMPORAL_WORKER_PORT: String(services.worker.grpc),
    TEMPORAL_FRONTEND_MEMBERSHIP_PORT: String(services.frontend.membership),
    TEMPORAL_HISTORY_MEMBERSHIP_PORT: String(services.history.membership),
    TEMPORAL_MATCHING_MEMBERSHIP_PORT: String(services.matching.membership),
    TEMPORAL_WORKER_MEMBERSHIP_PORT: String(services.worker.membership),
    TEMPORAL_METRICS_PORT: String(services[service].metrics),
    TEMPORAL_LOG_FILE: logFile,
  };
}

/** `server start` on the template, for every service or one. */
export function serverArgs(service?: Service): string[] {
  // The server joins --root and --config; with the default root '.', an absolute folder would become relative.
  const args = ['--root', '/', '--config', CONFIG_DIR, '--env', 'server', '--allow-no-auth', 'start'];
  return service ? [...args, '--service', service] : args;
}
