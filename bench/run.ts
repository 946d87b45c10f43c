/**
 * `npm run bench`: every benchmark, each against its baseline in the same run
 * (these machines are noisy: ratios mean more than absolute figures).
 */
import pino from 'pino';
import { loadConfig } from '../engine/config';
import { startPlatform } from '../engine/platform';
import { benchEditor } from './editor.bench';
import { benchInterpreter } from './interpreter.bench';
import { benchRules } from './rules.bench';

/** The editor served by the real app on embedded, in-memory services. */
async function benchEditorOnEmbeddedApp() {
  const config = { ...loadConfig({ SEED: 'false', LOG_LEVEL: 'warn' }), port: 0 };
  const platform = await startPlatform({ mode: 'all', config, log: pino({ level: 'warn' }), persistent: false });
  try {
    return await benchEditor(platform.url!);
  } finally {
    await platform.stop();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const rows: string[] = [];
  if (!only || only === 'rules') {
    console.log('rules: decisions per second, our evaluation path vs raw json-rules-engine');
    const r = await benchRules();
    rows.push(`rules        ours ${r.ours.toFixed(0)}/s  raw ${r.raw.toFixed(0)}/s  ratio ${r.ratio.toFixed(3)} (target ≥ 0.9; with the trace read: ${(r.oursWithTrace / r.raw).toFixed(3)})`);
  }
  if (!only || only === 'interpreter') {
    console.log('interpreter: cases per second, generic interpreter vs hand-written workflow');
    const r = await benchInterpreter();
    rows.push(`interpreter  ours ${r.interpreter.toFixed(1)} cases/s  hand-written ${r.handwritten.toFixed(1)} cases/s  ratio ${r.ratio.toFixed(3)} (target ≥ 0.9; ${r.rounds} rounds × ${r.casesPerRound} cases)`);
  }
  if (!only || only === 'editor') {
    console.log('editor: a 300-node process in headless Chromium');
    const r = await benchEditorOnEmbeddedApp();
    rows.push(
      `editor       interactive ${r.interactiveMs.toFixed(0)} ms (target < 1500)  drag p95 ${r.dragP95Ms.toFixed(1)} ms, median ${r.dragMedianMs.toFixed(1)} ms (target < 16.7)  dropped frames ${(r.droppedFrames * 100).toFixed(1)}% of ${r.frames}`,
    );
  }
  console.log(`\n${rows.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
