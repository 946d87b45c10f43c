import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger';
import { EDITOR_DIR } from './http/app';

const ROOT = path.resolve(__dirname, '..');

/** Builds the editor on the first start of a fresh clone (later starts reuse dist/editor). */
export async function ensureEditorBuilt(log: Logger): Promise<void> {
  if (fs.existsSync(path.join(EDITOR_DIR, 'index.html'))) return;
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) {
    log.warn('vite is not installed: the editor is not built (npm install, then npm run build)');
    return;
  }
  log.info('building the editor (first start only)…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', 'editor/vite.config.mts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`editor build failed (exit ${code})`))));
  });
}
