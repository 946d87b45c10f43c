/**
 * `npm run build:server [-- --out dir]`: the server as plain JavaScript (dist/server by default),
 * for the production image, where nothing compiles TypeScript at run time. Each source file
 * becomes one .js file at the same relative path, so the paths the code finds from its own
 * folder (the editor's files, the entry point the supervisor starts, the Temporal config
 * template) hold in the output as in the source tree. The workflow bundle is built here too:
 * a worker started from the output loads it instead of bundling at start.
 */
import fs from 'node:fs';
import path from 'node:path';
// esbuild comes with tsx, a dependency of the app.
import { build } from 'esbuild';
import { bundleWorkflows, PREBUILT_BUNDLE_NAME } from '../worker/workflow-bundle';

const ROOT = path.resolve(__dirname, '../..');
/** The server's source folders (the editor is built separately, by vite). */
const SOURCES = ['app', 'domain', 'engine', 'workflows', 'language', 'rules'];
/** Files the code reads at run time, copied as they are. */
const ASSETS = ['deploy/temporal/server.yaml'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f);
const isBuildScript = (f: string) => f.startsWith(path.join(ROOT, 'engine', 'build') + path.sep);

export async function buildServer(out: string): Promise<{ files: number; ms: number }> {
  const started = Date.now();
  fs.rmSync(out, { recursive: true, force: true });
  const sources = SOURCES.flatMap((dir) => filesUnder(path.join(ROOT, dir))).filter((f) => !isTest(f) && !isBuildScript(f));
  const code = sources.filter((f) => f.endsWith('.ts'));
  await build({
    entryPoints: code,
    outdir: out,
    outbase: ROOT,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // Library processes and rule sets are JSON the code imports: required at run time, beside the .js.
  for (const file of [...sources.filter((f) => f.endsWith('.json')), ...ASSETS.map((a) => path.join(ROOT, a))]) {
    const target = path.join(out, path.relative(ROOT, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.writeFileSync(path.join(out, PREBUILT_BUNDLE_NAME), await bundleWorkflows());
  return { files: code.length, ms: Date.now() - started };
}

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const out = path.resolve(i > 0 ? process.argv[i + 1] : path.join(ROOT, 'dist', 'server'));
  buildServer(out).then(
    ({ files, ms }) => process.stdout.write(`server built: ${files} files and the workflow bundle in ${out} (${(ms / 1000).toFixed(1)} s)\n`),
    (err: unknown) => {
      process.stderr.write(`build:server failed: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
