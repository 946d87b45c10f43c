/**
 * The layers and the no-cycle rule are enforced by the lint: each planted violation below is
 * reported, and the real tree has none. Runs ESLint's Node API with the project's own config.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';

const root = path.resolve(__dirname, '..');
// Given as an object: ESLint would load the file with import(), which jest's module sandbox does not provide.
const config = require(path.join(root, 'eslint.config.js')) as Linter.Config[];
const LAYER_RULES = ['no-restricted-imports', 'local/no-import-cycle'];

function linter(cwd: string): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
}

async function reported(file: string, code: string): Promise<string[]> {
  const [result] = await linter(root).lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('a planted import across the layers fails the lint', () => {
  test.each([
    ['workflows/ importing engine/', 'workflows/planted.ts', "import { UserError } from '../engine/errors';\nexport const E = UserError;\n", 'workflows/ may import only language/'],
    ['rules/ importing workflows/', 'rules/planted.ts', "import type { ProcessDefinition } from '../workflows/definition/schema';\nexport type P = ProcessDefinition;\n", 'rules/ may import only language/'],
    ['language/ importing rules/', 'language/planted.ts', "import { validateRuleSet } from '../rules/ruleset-validate';\nexport const v = validateRuleSet;\n", 'language/ may import none of our folders'],
    ['engine/ importing domain/', 'engine/http/planted.ts', "import { epidemicDomain } from '../../domain';\nexport const d = epidemicDomain;\n", 'engine/ may import only language/, rules/, workflows/'],
    ['engine/ importing app/', 'engine/planted.ts', "import '../app/main';\n", 'engine/ may import only language/, rules/, workflows/'],
    ['domain/ importing app/', 'domain/persons/planted.ts', "import '../../app/main';\n", 'domain/ may import only language/, rules/, workflows/, engine/'],
    ['the editor importing engine/', 'editor/src/planted.ts', "import { UserError } from '../../engine/errors';\nexport const E = UserError;\n", 'editor/ may import only language/, rules/, workflows/'],
    ['product code importing test/', 'engine/planted.ts', "import { startTestApp } from '../test/support/app';\nexport const s = startTestApp;\n", 'engine/ may import only'],
    ['workflows/ importing the language index (it carries zod)', 'workflows/definition/planted.ts', "import { pathOf } from '../../language';\nexport const p = pathOf;\n", 'not its index'],
    ['language/ doing I/O, which the workflow sandbox forbids', 'language/planted.ts', "import fs from 'node:fs';\nexport const f = fs;\n", 'Node built-ins are banned here'],
  ])('%s', async (_what, file, code, message) => {
    expect(await reported(file, code)).toEqual([expect.stringContaining(message)]);
  });

  test('the same imports inside the allowed direction pass', async () => {
    expect(await reported('rules/planted.ts', "import { pathOf } from '../language';\nexport const p = pathOf;\n")).toEqual([]);
    expect(await reported('engine/http/planted.ts', "import { validateRuleSet } from '../../rules/ruleset-validate';\nexport const v = validateRuleSet;\n")).toEqual([]);
    expect(await reported('domain/persons/planted.ts', "import { defineActivity } from '../../engine/activities/define';\nexport const d = defineActivity;\n")).toEqual([]);
    expect(await reported('app/planted.ts', "import { epidemicDomain } from '../domain';\nexport const d = epidemicDomain;\n")).toEqual([]);
    // A folder inside a layer that happens to share a layer's name is not that layer.
    expect(await reported('engine/activities/planted.ts', "import { notifyActivity } from './domain/notify';\nexport const n = notifyActivity;\n")).toEqual([]);
  });
});

describe('a planted import cycle fails the lint', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycle-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const plant = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  };
  const cycles = async (file: string) =>
    (await linter(dir).lintFiles([file]))[0].messages.filter((m) => m.ruleId === 'local/no-import-cycle').map((m) => m.message);

  test('through three modules', async () => {
    plant({
      'services.ts': "import { Registry } from './registry';\nexport const services = { registry: new Registry() };\n",
      'registry.ts': "import { define } from './define';\nexport class Registry {\n  d = define;\n}\n",
      'define.ts': "import { services } from './services';\nexport const define = () => services;\n",
    });
    expect(await cycles('registry.ts')).toEqual(['import cycle: registry.ts → define.ts → services.ts → registry.ts']);
  });

  test('made of type-only imports (the one the tree had)', async () => {
    plant({
      'a.ts': "import type { B } from './b';\nexport interface A {\n  b?: B;\n}\n",
      'b.ts': "import type { A } from './a';\nexport interface B {\n  a?: A;\n}\n",
    });
    expect(await cycles('a.ts')).toEqual(['import cycle: a.ts → b.ts → a.ts']);
  });

  test('none where the imports only go one way', async () => {
    plant({ 'a.ts': "import type { B } from './b';\nexport type A = B[];\n", 'b.ts': 'export type B = string;\n' });
    expect(await cycles('a.ts')).toEqual([]);
  });
});

/** Our TypeScript files under `dir` (listed here: ESLint globs folders with import(), which jest does not provide). */
function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourcesUnder(p);
    return /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

test('the real tree breaks no layer and has no import cycle', async () => {
  const folders = ['language', 'rules', 'workflows', 'engine', 'domain', 'app', 'editor', 'test', 'bench'].filter((f) => fs.existsSync(path.join(root, f)));
  const results = await linter(root).lintFiles(folders.flatMap((f) => sourcesUnder(path.join(root, f))));
  const broken = results.flatMap((r) =>
    r.messages.filter((m) => LAYER_RULES.includes(m.ruleId ?? '')).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`),
  );
  expect(broken).toEqual([]);
  // It lints every source file (600 and growing): 86 s were seen on a 2-core machine at load 12.
}, 240_000);
