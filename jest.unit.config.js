/**
 * Unit tests only (no Temporal, no database): `npx jest <path> --config jest.unit.config.js`.
 * Same transform as the full suite, without its global setup.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = { ...base, globalSetup: undefined, globalTeardown: undefined, reporters: ['default'] };
