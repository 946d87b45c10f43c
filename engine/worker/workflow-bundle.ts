/**
 * The workflow bundle (webpack, ~10 s) is built once per version of the workflow
 * code and kept under DATA_DIR, so later starts skip the build; the production build
 * ships one built in advance.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { bundleWorkflows } from './worker';

const ROOT = path.resolve(__dirname, '../..');

/** The bundle `npm run build:server` puts beside the compiled code, which holds no workflow sources to bundle. */
export const PREBUILT_BUNDLE_NAME = 'workflow-bundle.prebuilt.js';

/**
 * Everything the bundle is made of: the workflow code, what it imports, how it is bundled (the
 * interceptors and shared modules named in worker.ts) and the SDK version pinned by the lock file.
 */
const INPUTS = ['workflows', 'language', 'engine/worker/worker.ts', 'package-lock.json'];

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

export { bundleWorkflows };

export async function cachedWorkflowBundle(workflowsPath: string, cacheDir: string, log: Logger): Promise<string> {
  const prebuilt = path.join(ROOT, PREBUILT_BUNDLE_NAME);
  if (fs.existsSync(prebuilt)) return prebuilt;
  const file = path.join(cacheDir, `workflow-bundle-${sourceHash(workflowsPath)}.js`);
  if (fs.existsSync(file)) return file;
  log.info('bundling the workflow code (once per code version)…');
  const code = await bundleWorkflows(workflowsPath);
  fs.mkdirSync(cacheDir, { recursive: true });
  // Older versions go; this version's files stay, as another worker starting now may be writing it too.
  const stale = (f: string) => f.startsWith('workflow-bundle-') && !f.startsWith(path.basename(file));
  for (const old of fs.readdirSync(cacheDir).filter(stale)) fs.rmSync(path.join(cacheDir, old), { force: true });
  // Written under a temporary name of this process first, so a crash never leaves a half-written bundle behind the final name.
  fs.writeFileSync(`${file}.${process.pid}.tmp`, code);
  fs.renameSync(`${file}.${process.pid}.tmp`, file);
  return file;
}
