// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');
const globals = require('globals');
const noImportCycle = require('./lint/no-import-cycle');

/**
 * Who may import whom: each top-level folder of ours and the folders it may import (the ADR in
 * docs/ says why). test/ and bench/ may import anything, and nothing else imports them. A test
 * file (*.test.ts) belongs to the tests wherever it sits, so these rules skip it.
 */
const LAYERS = {
  language: [],
  rules: ['language'],
  workflows: ['language'],
  engine: ['language', 'rules', 'workflows'],
  domain: ['language', 'rules', 'workflows', 'engine'],
  app: ['language', 'rules', 'workflows', 'engine', 'domain'],
  editor: ['language', 'rules', 'workflows'],
};
const OUR_FOLDERS = [...Object.keys(LAYERS), 'test', 'bench'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
/** Folder nesting the layer rules cover below a top-level folder (the deepest today is 5, in editor/). */
const MAX_DEPTH = 10;

/**
 * workflows/ runs inside Temporal's deterministic sandbox, and language/ is bundled with it:
 * no I/O, no Node built-ins, no clock or randomness outside workflows/clock.ts. These bans
 * mirror the SDK bundler's own and fail the build before replay would.
 */
const SANDBOXED = ['workflows', 'language'];
const sandboxPaths = [
  ...builtinModules.map((name) => ({ name, message: 'the workflow sandbox does no I/O: Node built-ins are banned here' })),
  ...builtinModules.map((name) => ({ name: `node:${name}`, message: 'the workflow sandbox does no I/O: Node built-ins are banned here' })),
  { name: 'typeorm', message: 'database access belongs in an activity' },
  { name: 'express', message: 'HTTP belongs in engine/' },
  { name: 'pg', message: 'database access belongs in an activity' },
  { name: '@temporalio/client', message: 'workflows use @temporalio/workflow only' },
  { name: '@temporalio/worker', message: 'workflows use @temporalio/workflow only' },
  { name: '@temporalio/activity', message: 'workflows use @temporalio/workflow only' },
  { name: 'json-rules-engine', message: 'rule sets are evaluated in an activity' },
];
const sandboxRules = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'use workflowNow() from workflows/clock.ts' },
    { object: 'Math', property: 'random', message: 'use workflowRandom() from workflows/clock.ts' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the clock: use workflowNow()' },
    { selector: "CallExpression[callee.name='setTimeout']", message: 'use sleep() or condition() from @temporalio/workflow' },
  ],
};

/** The import patterns a file `depth` folders below the top of `layer` may not use. */
function layerPatterns(layer, depth) {
  const up = `^(?:\\.\\./){${depth}}`;
  const forbidden = OUR_FOLDERS.filter((f) => f !== layer && !LAYERS[layer].includes(f));
  const allowed = LAYERS[layer].length ? `only ${LAYERS[layer].map((f) => `${f}/`).join(', ')} of our folders` : 'none of our folders';
  const patterns = [{ regex: `${up}(?:${forbidden.join('|')})(?:/|$)`, message: `${layer}/ may import ${allowed} (the layers in eslint.config.js)` }];
  if (layer === 'workflows') {
    patterns.push({ regex: `${up}language(?:/index)?$`, message: "import the file from language/, not its index: the index carries zod schemas, which the workflow bundle must not load" });
  }
  return patterns;
}

/** One config per layer and depth: a relative import reaches the top of the repository after exactly `depth` steps up. */
const layerConfigs = Object.keys(LAYERS).flatMap((layer) =>
  Array.from({ length: MAX_DEPTH }, (_, i) => ({
    files: [`${layer}/${'*/'.repeat(i)}*.{ts,tsx,mts}`],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', { paths: SANDBOXED.includes(layer) ? sandboxPaths : [], patterns: layerPatterns(layer, i + 1) }],
    },
  })),
);

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tmp/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['editor/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  ...layerConfigs,
  { files: SANDBOXED.map((f) => `${f}/**/*.ts`), ignores: TESTS, rules: sandboxRules },
  { files: ['**/*.{ts,tsx,mts}'], plugins: { local: { rules: { 'no-import-cycle': noImportCycle } } }, rules: { 'local/no-import-cycle': 'error' } },
  { files: [...TESTS, 'test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
