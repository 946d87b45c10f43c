import { randomBytes } from 'node:crypto';
/**
 * `npm run bench`: every benchmark, each against its baseline in the same run
 * (these machines are noisy: ratios mean more than absolute figures).
 */
import pino from 'pino';
import { epidemicDomain } from '../domain';
import { loadConfig } from '../engine/config';
import { startPlatform } from '../engine/platform';
import { benchCases, formatCasesBench } from './cases.bench';
import { benchDb, formatDbBench } from './db.bench';
import { benchEditor } from './editor.bench';
import { benchHold, formatHold, holdOptions } from './hold.bench';
import { benchInterpreter, formatInterpreterBench } from './interpreter.bench';
import { benchLoad, formatLoadRow, loadOptions } from './load.bench';
import { benchRules, formatRulesBench } from './rules.bench';
import { benchSimulate, formatSimulateBench } from './simulate.bench';
import { benchTasks, formatTasksBench } from './tasks.bench';

/** The editor served by the real app on embedded, in-memory services. */
async function benchEditorOnEmbeddedApp() {
  const password = randomBytes(18).toString('base64url');
  const config = { ...loadConfig({ SEED: 'false', LOG_LEVEL: 'warn', ADMIN_PASSWORD: password }), port: 0 };
  const platform = await startPlatform({ mode: 'all', config, log: pino({ level: 'warn' }), domain: epidemicDomain, persistent: false });
  try {
    return await benchEditor(platform.url!, { username: 'admin', password });
  } finally {
    await platform.stop();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: string[] = [];
  if (!only || only === 'rules') {
    console.log('rules: decisions per second, the compiled path vs raw json-rules-engine');
    rows.push(...formatRulesBench(await benchRules()));
  }
  if (!only || only === 'simulate') {
    console.log('simulate: the impact preview over 100,000 recorded decisions in PostgreSQL');
    rows.push(formatSimulateBench(await benchSimulate()));
  }
  if (!only || only === 'interpreter') {
    console.log('interpreter: cases per second, generic interpreter vs hand-written workflow, on the dev server and the cluster');
    rows.push(...formatInterpreterBench(await benchInterpreter()));
  }
  // Not part of a plain `npm run bench`: it takes minutes and starts a cluster.
  if (only === 'load') {
    const opts = loadOptions(process.argv.slice(3));
    console.log(`load: arrival screening, ${opts.cases} cases at ${opts.rate}/s with ${opts.reads} reads/s, on ${opts.targets.join(' and ')}`);
    rows.push(...(await benchLoad(opts)).map((r) => `load  ${formatLoadRow(r)}`));
  }
  // Not part of a plain `npm run bench` either: it starts a cluster and thousands of cases.
  if (only === 'hold') {
    const opts = holdOptions(process.argv.slice(3));
    console.log(`hold: ${opts.cases} open arrival-screening cases on the cluster with ${opts.workers} workers`);
    rows.push(formatHold(await benchHold(opts)));
  }
  if (!only || only === 'cases') {
    console.log('cases: the case list, case page data and heatmap over 100,000 cases and 1,000,000 visits in PostgreSQL');
    const r = await benchCases();
    console.log(`seeded in ${r.seedSeconds.toFixed(0)} s; plans of the two slowest list queries:`);
    for (const p of r.plans) console.log(`\n${p.name}: ${p.plan}`);
    rows.push(...formatCasesBench(r));
  }
  if (!only || only === 'db') {
    console.log('db: mixed workload units per second, embedded PGlite behind the session gate vs server PostgreSQL');
    rows.push(...formatDbBench(await benchDb()));
  }
  if (!only || only === 'tasks') {
    console.log('tasks: the inbox (tabs, filters, counts, paging) over 10,000 open and 200,000 closed tasks in PostgreSQL');
    rows.push(...formatTasksBench(await benchTasks()));
  }
  if (!only || only === 'editor') {
    console.log('editor: a 1,000-node process (about 1,200 edges) in headless Chromium');
    const r = await benchEditorOnEmbeddedApp();
    rows.push(
      `editor       ${r.nodes} nodes, ${r.edges} edges (${r.drawnNodes} drawn in the first view): interactive ${r.interactiveMs.toFixed(0)} ms (target < 1500)  drag p95 ${r.dragP95Ms.toFixed(1)} ms, median ${r.dragMedianMs.toFixed(1)} ms (target < 16.7)  dropped frames ${(r.droppedFrames * 100).toFixed(1)}% of ${r.frames}  JS heap ${r.heapMb.interactive} MB, ${r.heapMb.afterDrag} MB after the drag`,
    );
  }
  console.log(`\n${rows.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
