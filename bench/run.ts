/**
 * `npm run bench`: every benchmark, each against its baseline in the same run
 * (these machines are noisy: ratios mean more than absolute figures).
 */
import { benchInterpreter } from './interpreter.bench';
import { benchRules } from './rules.bench';

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
  console.log(`\n${rows.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
