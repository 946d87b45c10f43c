// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');
const globals = require('globals');

/**
 * workflows/ runs inside Temporal's deterministic sandbox: no I/O, no Node
 * built-ins, no engine code, no clock or randomness outside workflows/clock.ts.
 * These bans mirror the SDK bundler's own and fail the build before replay would.
 */
const workflowBans = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        ...builtinModules.map((name) => ({ name, message: 'workflows/ must not do I/O: Node built-ins are banned here' })),
        ...builtinModules.map((name) => ({ name: `node:${name}`, message: 'workflows/ must not do I/O: Node built-ins are banned here' })),
        { name: 'typeorm', message: 'database access belongs in an activity' },
        { name: 'express', message: 'HTTP belongs in engine/' },
        { name: 'pg', message: 'database access belongs in an activity' },
        { name: '@temporalio/client', message: 'workflows use @temporalio/workflow only' },
        { name: '@temporalio/worker', message: 'workflows use @temporalio/workflow only' },
        { name: '@temporalio/activity', message: 'workflows use @temporalio/workflow only' },
        { name: 'json-rules-engine', message: 'rule sets are evaluated in an activity' },
      ],
      patterns: [{ group: ['**/engine/**', '../engine/*', '../../engine/*'], message: 'workflows/ must not import engine code (activities are imported as types only)', allowTypeImports: true }],
    },
  ],
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
  { files: ['workflows/**/*.ts', 'rules/operators.ts', 'rules/path.ts', 'rules/condition.ts'], ignores: ['**/*.test.ts'], rules: workflowBans },
  { files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
