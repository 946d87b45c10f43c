/**
 * The workflow bundle (webpack, ~10 s) is built once per version of the workflow
 * code and kept under DATA_DIR, so later starts skip the build.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { Logger } from '../logger';

const ROOT = path.resolve(__dirname, '../..');
/** Everything the bundle is made of: the workflow code, what it imports, and the SDK version pinned by the lock file. */
const INPUTS = ['workflows', 'rules', 'package-lock.json'];

function filesUnder(p: string): string[] {
  const stat = fs.statSync(p);
  if (stat.isFile()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap((name) => (name === 'node_modules' || name.endsWith('.test.ts') ? [] : filesUnder(path.join(p, name))));
}

function sourceHash(workflowsPath: string): string {
  const h = createHash('sha256').update(path.relative(ROOT, workflowsPath));
  for (const input of INPUTS) {
    for (const file of filesUnder(path.join(ROOT, input))) h.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
  }
  return h.digest('hex').slice(0, 16);
}

export async function cachedWorkflowBundle(workflowsPath: string, cacheDir: string, log: Logger): Promise<string> {
  const file = path.join(cacheDir, `workflow-bundle-${sourceHash(workflowsPath)}.js`);
  if (fs.existsSync(file)) return file;
  log.info('bundling the workflow code (once per code version)…');
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  fs.mkdirSync(cacheDir, { recursive: true });
  for (const old of fs.readdirSync(cacheDir).filter((f) => f.startsWith('workflow-bundle-'))) fs.rmSync(path.join(cacheDir, old));
  // Written under a temporary name first, so a crash never leaves a half-written bundle behind the final name.
  fs.writeFileSync(`${file}.tmp`, code);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}
