/**
 * Brings the platform up in one of three shapes, and down again in reverse order:
 * `all` (API + worker + embedded services, for `npm start`), `api`, or `worker`;
 * composed with the one domain it runs (app/ hands it in: engine/domain-module.ts).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { builtinActivities } from './activities';
import type { ActivityDeclaration } from './activities/define';
import { ActivityRegistry } from './activities/registry';
import type { Config } from './config';
import { openDatabase } from './db/data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import type { DomainModule } from './domain-module';
import { checkHealth, throttled } from './health';
import { startNoticeDispatcher } from './notices/dispatcher';
import { createApp } from './http/app';
import { withLegacyPaths } from './http/legacy-paths';
import { systemRoutes } from './http/system.routes';
import { ensureFirstAdmin } from './auth/first-admin';
import { AuditLog } from './audit/audit-log';
import { auditRoutes } from './audit/audit.routes';
import { accessRoutes } from './auth/routes';
import { bulkRoutes } from './bulk/bulk.routes';
import { BulkService } from './bulk/bulk.service';
import { caseRoutes } from './cases/case.routes';
import { CaseActivity } from './cases/case-activity';
import { caseActivityRoutes } from './cases/case-activity.routes';
import { CorrelationService } from './events/correlation.service';
import { eventRoutes } from './events/event.routes';
import { incidentRoutes } from './incidents/incident.routes';
import { IncidentService } from './incidents/incident.service';
import { CaseService } from './cases/case.service';
import type { Route } from './http/route';
import type { Logger } from './logger';
import { serveMetrics } from './metrics/exposition';
import { watchPool } from './metrics/pool';
import { watchStore } from './metrics/store-gauges';
import { coreMetricsTelemetry } from './metrics/temporal-runtime';
import { orgUnitRoutes } from './orgunits/org-unit.routes';
import { dutyRoutes } from './duty/duty.routes';
import { DutyService } from './duty/duty.service';
import { OrgUnitService } from './orgunits/org-unit.service';
import { scheduleRoutes } from './schedules/schedule.routes';
import { ScheduleService } from './schedules/schedule.service';
import { startTracing } from './tracing/tracing';
import { processRoutes } from './processes/process.routes';
import { dryRunRoutes } from './processes/dry-run.routes';
import { DryRunService } from './processes/dry-run.service';
import { ProjectionReconciler } from './cases/projection/reconcile';
import { startReconciler, type ReconcilerPass } from './reconciler';
import { seedDomain } from './seed';
import { listen } from './http/listen';
import { StopStack } from './stop-stack';
import type { PartState } from './supervisor/restarting-process';
import { createServices, type Services } from './services';
import { taskRoutes } from './tasks/task.routes';
import { LadderReplanService, ladderReplanRoutes } from './tasks/ladder-replan';
import { TaskService } from './tasks/task.service';
import { connectClient, resolveTemporal } from './temporal/connect';
import type { DevServer } from './temporal/dev-server';
import { probeTemporalWrite } from './temporal/write-probe';
import { cachedWorkflowBundle } from './worker/workflow-bundle';
import { startWorker, WORKFLOWS_PATH, type RunningWorker } from './worker/worker';
import { rulesetRoutes } from './rulesets/ruleset.routes';
import { formRoutes } from './forms/form.routes';
import { RulesetService } from './rulesets/ruleset.service';

export type Mode = 'all' | 'api' | 'worker';

export interface PlatformOptions<A extends object = object> {
  mode: Mode;
  /** Its activities, tables, adapters and built-in documents join the platform's. */
  domain: DomainModule<A>;
  config: Config;
  log: Logger;
  /** Keep Temporal's and PGlite's data under DATA_DIR (npm start); tests run in memory. */
  persistent: boolean;
  workflowBundlePath?: string;
  /** Activities beyond the declared ones (tests add failing or slow steps). */
  extraActivities?: ActivityDeclaration[];
  /** The supervisor's view of the other parts (npm start), which health reports. */
  supervisedParts?: () => PartState[];
}

export interface Platform {
  url?: string;
  /** A worker's metrics endpoint, where WORKER_METRICS_PORT asks for one. */
  metricsUrl?: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  databaseUrl: string;
  services: Services;
  /** One pass of the reconciler (API modes only): settles half-done starts and completions, and repairs the case projection, now. */
  reconcile?: () => Promise<ReconcilerPass>;
  /** The API's route table (API modes only), as mounted. */
  routes?: readonly Route[];
  stop(): Promise<void>;
}

let runtimeInstalled = false;
async function installTemporalRuntime(log: Logger, workerMetrics: boolean): Promise<void> {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    // Temporal's own log lines join ours, at warn and above.
    logger: new DefaultLogger('WARN', (entry) => log[entry.level === 'ERROR' ? 'error' : 'warn']({ temporal: entry.meta }, entry.message)),
    // A worker's own metrics (schedule-to-start, slots…), served with the engine's (metrics/exposition.ts).
    telemetryOptions: workerMetrics ? await coreMetricsTelemetry() : undefined,
  });
}

export async function startPlatform<A extends object>(opts: PlatformOptions<A>): Promise<Platform> {
  const { config, log, mode } = opts;
  if (mode === 'worker' && (!config.temporal.address || !config.databaseUrl)) {
    throw new Error('a separate worker joins a running platform: set TEMPORAL_ADDRESS and DATABASE_URL (npm start prints both)');
  }
  await installTemporalRuntime(log, mode !== 'api');
  // On when OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test started it with its own exporter).
  const tracing = startTracing(mode === 'all' ? 'epi-flow' : `epi-flow-${mode}`, { otlpEndpoint: config.otlpEndpoint });
  const stack = new StopStack(log);
  if (tracing) stack.push('tracing', () => tracing.flush());
  const stopAll = () => stack.stopAll();
  try {
    const temporal = await resolveTemporal(config, log, { persistent: opts.persistent });
    const devServer: DevServer | undefined = temporal.devServer;
    if (devServer) stack.push('temporal dev server', () => devServer.stop());

    let embedded: EmbeddedPostgres | undefined;
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres(opts.persistent ? `${config.dataDir}/pglite` : undefined, log);
      const e = embedded;
      stack.push('embedded postgres', () => e.stop());
    }
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    const db: DataSource = await openDatabase({ url: databaseUrl, embedded: Boolean(embedded), log, domain: opts.domain });
    stack.push('database', () => db.destroy());
    const unwatchPool = watchPool(db);
    stack.push('pool metrics', async () => unwatchPool());

    const activities = new ActivityRegistry([...builtinActivities, ...opts.domain.activities, ...(opts.extraActivities ?? [])]);
    const services = createServices(config, db, log, activities, opts.domain);
    let worker: RunningWorker | undefined;
    let metricsUrl: string | undefined;
    if (mode !== 'api') {
      const workflowBundlePath = opts.workflowBundlePath ?? (opts.persistent ? await cachedWorkflowBundle(WORKFLOWS_PATH, config.dataDir, log) : undefined);
      worker = await startWorker({ address: temporal.address, services, log, workflowBundlePath });
      const w = worker;
      stack.push('worker', () => w.shutdown());
      // Workers also deliver the notices their activities put in the outbox.
      const dispatcher = startNoticeDispatcher(db, services.adapters.notifier, log);
      stack.push('notice dispatcher', () => dispatcher.stop());
      if (config.workerMetricsPort !== undefined) {
        const metrics = await serveMetrics(config.workerMetricsPort, config.host, log);
        stack.push('metrics endpoint', () => metrics.stop());
        metricsUrl = metrics.url;
      }
    }
    let url: string | undefined;
    let reconcile: Platform['reconcile'];
    let mounted: Route[] | undefined;
    if (mode !== 'worker') {
      const { connection, client } = await connectClient(temporal.address, config.temporal.namespace, log, config.payloadKeys);
      stack.push('temporal client', () => connection.close());
      const unwatchStore = watchStore({ db });
      stack.push('store metrics', async () => unwatchStore());
      if (config.seed) await seedDomain(services, opts.domain);
      const domainApi = opts.domain.api?.(services, client);
      await domainApi?.start?.();
      await ensureFirstAdmin(db, services.auth.users, config.auth.adminPassword, log, (line) => process.stdout.write(`${line}\n`));
      const stopSweeping = services.auth.sessions.sweepEvery(3_600_000, log);
      stack.push('session sweeper', async () => stopSweeping());
      const temporalWrite = throttled(() => probeTemporalWrite(client), 15_000);
      const health = () =>
        checkHealth({ db, client, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, temporalAddress: temporal.address, temporalWrite, parts: opts.supervisedParts });
      const cases = new CaseService(services, client);
      const tasks = new TaskService(services, client);
      const incidents = new IncidentService(services, client);
      const projection = new ProjectionReconciler(db, client, log, config.caseStartGraceMs);
      const reconciler = startReconciler({ cases, tasks, incidents, projection, log, everyMs: Math.min(config.caseStartGraceMs, 30_000), graceMs: config.caseStartGraceMs });
      stack.push('reconciler', () => reconciler.stop());
      reconcile = reconciler.runOnce;
      const dryRuns = new DryRunService(services, client);
      // A process's own tests are dry runs, which need Temporal: bound here, where the API has it.
      services.documents.processes.kind.test = (definition) => dryRuns.test(definition);
      const routes = [
        ...systemRoutes(services, health),
        ...accessRoutes(services.auth),
        ...processRoutes(services.documents.processes),
        ...dryRunRoutes(dryRuns),
        ...caseRoutes(cases),
        ...caseActivityRoutes(new CaseActivity(services, client, (id, principal) => cases.row(id, principal))),
        ...taskRoutes(tasks),
        ...incidentRoutes(incidents),
        ...eventRoutes(new CorrelationService(services, client)),
        ...orgUnitRoutes(new OrgUnitService(db)),
        ...dutyRoutes(new DutyService(db)),
        ...scheduleRoutes(new ScheduleService(services, client)),
        ...bulkRoutes(new BulkService(services, client, cases, incidents)),
        ...rulesetRoutes(services.documents.rulesets, new RulesetService(services, opts.domain.impactEffects)),
        ...ladderReplanRoutes(new LadderReplanService(services, client)),
        ...formRoutes(services.documents.forms),
        ...auditRoutes(new AuditLog(db, config.cursorSecret)),
        ...(domainApi?.routes ?? []),
      ];
      mounted = withLegacyPaths(routes);
      const server = await listen(createApp(mounted, log, { allowedHosts: config.allowedHosts, trustProxy: config.trustProxy, authenticator: services.auth.authenticator }), config.port, config.host);
      stack.push('http server', () => server.stop());
      const port = server.port;
      url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    }
    return { url, metricsUrl, temporalAddress: temporal.address, temporalUiUrl: temporal.uiUrl, databaseUrl, services, reconcile, routes: mounted, stop: stopAll };
  } catch (err) {
    // Nothing half-started is left behind.
    await stopAll();
    throw err;
  }
}
