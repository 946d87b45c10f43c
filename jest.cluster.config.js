/**
 * The cluster profile (`npm run test:cluster`): the tests whose outcome depends on the Temporal
 * server, against the project's own Temporal cluster on PostgreSQL instead of the dev server, with a
 * second worker process beside each test app's worker (test/support/app.ts): the interpreter,
 * versions and migration, the built-in library, activities, case and task API semantics, crashes
 * and the faults. Left out: what does not change with the server (unit tests, access control,
 * privacy, audit, the editor in a browser, the HTTP layer's fuzz and load, metrics and tracing),
 * and the tests that start their own Temporal or none.
 */
process.env.TEST_TEMPORAL = 'cluster';
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/(interpreter|library|activities|crash|faults|rulesets)/**/*.test.ts', '<rootDir>/test/api/(processes|consistency|drafts|legacy-paths|payload-encryption|document-lifecycle|builtin-upgrade)*.test.ts'],
  // The faults of the database and of npm start do not change with the Temporal server; they run on the default profile.
  testPathIgnorePatterns: ['/node_modules/', '/test/faults/(database-stopped|start-killed)\\.test\\.ts$'],
};
