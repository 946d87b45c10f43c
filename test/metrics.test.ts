/**
 * GET /metrics as Prometheus sees it, after a real case: a rule decision, a notice through the
 * outbox, a human task. The counts are the case's, the labels hold route paths and keys (never a
 * case id), the gauges are read from the database and Temporal, the Temporal SDK's worker
 * metrics are there, and every metric the Grafana dashboard in deploy/ draws is exposed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eventually, uniqueKey, useTestApp } from './support/app';
import { chain, publish, startCase, waitFor } from './support/processes';
import { adultRules, publishRuleSet } from './support/rules';

jest.setTimeout(120_000);

// Its own database: the suite's apps share one outbox, and a notice another process delivers is counted in that process.
const app = useTestApp({ ownDatabase: true });

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The exposition's samples (comment lines left out). */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line)!;
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return { text, samples: samples(text) };
}

const value = (all: Sample[], name: string, labels: Record<string, string> = {}) =>
  all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

/** The metric names a dashboard query reads (a histogram's _bucket, _count or _sum series included). */
function namesIn(expr: string): string[] {
  const words = expr.replace(/\{[^}]*\}/g, '').match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return words.filter((w) => /^(epi|temporal|process|nodejs)_/.test(w));
}

test('a case with a decision, a notice and a task is counted, its gauges read, no case id in any label, and the dashboard finds every metric it draws', async () => {
  const rules = uniqueKey('metrics-rules');
  await publishRuleSet(app, adultRules(rules));
  const key = uniqueKey('metrics');
  const def = chain(key, [
    { id: 'start', type: 'start' },
    { id: 'decide', type: 'decision', ruleset: rules, facts: { age: '30' }, output: 'decided' },
    { id: 'tell', type: 'activity', activity: 'notify', input: { to: "{'type': 'group', 'id': 'district-office'}", template: "'case-opened'" } },
    { id: 'check', type: 'task', title: { zh: '核查', en: 'Check' }, form: { type: 'object', properties: { note: { type: 'string' } } } },
    { id: 'end', type: 'end', outcome: 'checked' },
  ]);
  // The decision's edges: its outcome leads on, anything else ends the case at once.
  def.edges = [...def.edges.map((e) => (e.from === 'decide' ? { ...e, outcome: 'adult' } : e)), { id: 'other', from: 'decide', to: 'end', default: true }];
  await publish(app, def);
  const before = (await scrape()).samples;
  const id = await startCase(app, key, {});
  await waitFor(app, id, 'running', 'check', 45_000);

  // While the case waits on its task: it is open, and so is the task.
  const waiting = await eventually(async () => {
    const now = (await scrape()).samples;
    return value(now, 'epi_cases_open', { process: key }) === 1 && value(now, 'epi_outbox_deliveries_total', { result: 'delivered' }) > value(before, 'epi_outbox_deliveries_total', { result: 'delivered' }) ? now : undefined;
  }, 45_000, 'the open case and the delivered notice in the metrics');
  expect(value(waiting, 'epi_tasks_open')).toBeGreaterThanOrEqual(1);
  expect(value(waiting, 'epi_cases_started_total', { process: key })).toBe(1);
  expect(value(waiting, 'epi_rule_decisions_total', { ruleset: rules, outcome: 'adult' })).toBe(1);

  const [task] = (await app.api('GET', `/api/tasks?caseId=${encodeURIComponent(id)}&status=open`)).body;
  expect((await app.api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { data: { note: 'ok' } })).status).toBe(200);
  await waitFor(app, id, 'completed', undefined, 45_000);
  const { text, samples: after } = await eventually(async () => {
    const now = await scrape();
    return value(now.samples, 'epi_cases_finished_total', { process: key, outcome: 'completed' }) === 1 ? now : undefined;
  }, 30_000, 'the finished case in the metrics');
  expect(value(after, 'epi_cases_open', { process: key })).toBe(0);
  expect(value(after, 'epi_cases_finished_total', { process: key, outcome: 'failed' })).toBe(0);

  // Requests are labelled by the route declared, with their status: never the id asked for.
  expect(value(after, 'epi_http_request_duration_seconds_count', { route: '/api/cases/:id', method: 'GET', status: '200' })).toBeGreaterThan(0);
  expect(value(after, 'epi_http_request_duration_seconds_count', { route: '/api/cases', method: 'POST', status: '201' })).toBeGreaterThan(0);
  expect(text).not.toContain(id);
  expect(text).not.toContain(id.split('.').pop()!);
  expect(value(after, 'epi_db_pool_max')).toBeGreaterThan(0);
  // The Temporal SDK's own worker metrics, from the core runtime's exporter.
  expect(value(after, 'temporal_worker_task_slots_available')).toBeGreaterThan(0);
  expect(value(after, 'temporal_activity_schedule_to_start_latency_count')).toBeGreaterThan(0);

  const dashboard = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../deploy/grafana/epi-flow.json'), 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
  const drawn = [...new Set(dashboard.panels.flatMap((p) => p.targets ?? []).flatMap((t) => namesIn(t.expr)))];
  expect(drawn.length).toBeGreaterThan(15);
  // A metric is exposed by its TYPE line even while it has no sample (no case open in this database: no epi_cases_open series).
  const declared = [...text.matchAll(/^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) /gm)].map((m) => m[1]);
  const exposed = new Set([...after.map((s) => s.name), ...declared]);
  expect(drawn.filter((name) => !exposed.has(name))).toEqual([]);
});
