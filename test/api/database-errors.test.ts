/**
 * Errors from a real PostgreSQL (and a Temporal nobody serves) reach the client as clear
 * answers from the one error handler: 409 for a clash with data or with a concurrent change,
 * 503 with Retry-After when a dependency is slow or gone; never a stack trace, and the
 * server log names the route.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { createApp } from '../../engine/http/app';
import { route } from '../../engine/http/route';
import { rawRequest } from '../support/raw-http';

const url = process.env.TEST_DATABASE_URL!;
const logLines: Record<string, unknown>[] = [];
const log = pino({ level: 'warn' }, new Writable({ write: (chunk, _enc, done) => (logLines.push(JSON.parse(chunk.toString())), done()) }));
let db: DataSource;
let server: Server;
let base: string;

/** Raises a real PostgreSQL error with the given SQLSTATE. */
const raise = (state: string) => db.query(`DO $$ BEGIN RAISE EXCEPTION 'raised for a test' USING ERRCODE = '${state}'; END $$`);

const routes = [
  route({
    method: 'get', path: '/api/raise/:state', tag: 'test', public: true, summary: 'raise a SQLSTATE',
    params: z.object({ state: z.string().regex(/^[0-9A-Z]{5}$/) }), handle: ({ params }) => raise(params.state),
  }),
  route({
    method: 'get', path: '/api/duplicate', tag: 'test', public: true, summary: 'insert one key twice',
    handle: () =>
      db.transaction(async (m) => {
        await m.query('CREATE TEMP TABLE once (k int PRIMARY KEY) ON COMMIT DROP');
        await m.query('INSERT INTO once VALUES (1), (1)');
      }),
  }),
  route({
    method: 'get', path: '/api/locked', tag: 'test', public: true, summary: 'wait at most 50 ms for a lock another transaction holds',
    handle: async () => {
      const holder = db.createQueryRunner();
      await holder.startTransaction();
      try {
        await holder.query('SELECT pg_advisory_xact_lock(4242)');
        await db.transaction(async (m) => {
          await m.query(`SET LOCAL lock_timeout = '50ms'`);
          await m.query('SELECT pg_advisory_xact_lock(4242)');
        });
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
    },
  }),
  route({
    method: 'get', path: '/api/slow', tag: 'test', public: true, summary: 'a statement past its timeout',
    handle: () =>
      db.transaction(async (m) => {
        await m.query('SET LOCAL statement_timeout = 20');
        await m.query('SELECT pg_sleep(2)');
      }),
  }),
  route({
    method: 'get', path: '/api/refused', tag: 'test', public: true, summary: 'a database nobody listens for',
    handle: async () => {
      const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/nowhere' });
      try {
        return await pool.query('SELECT 1');
      } finally {
        await pool.end();
      }
    },
  }),
  route({
    method: 'get', path: '/api/terminated', tag: 'test', public: true, summary: 'the server ends the session mid-query',
    handle: () => db.query('SELECT pg_terminate_backend(pg_backend_pid())'),
  }),
  route({
    method: 'get', path: '/api/temporal', tag: 'test', public: true, summary: 'a Temporal nobody serves',
    handle: async () => {
      const connection = Connection.lazy({ address: '127.0.0.1:1' });
      try {
        return await connection.withDeadline(Date.now() + 300, () => connection.workflowService.getSystemInfo({}));
      } finally {
        await connection.close();
      }
    },
  }),
  route({
    method: 'get', path: '/api/boom', tag: 'test', public: true, summary: 'a plain bug',
    handle: async () => {
      throw new Error('secret detail of a bug');
    },
  }),
];

beforeAll(async () => {
  db = await new DataSource({ type: 'postgres', url, extra: { max: 3 } }).initialize();
  server = createApp(routes, log, { allowedHosts: ['127.0.0.1'] }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

test.each([
  ['a unique violation (23505)', 409, 'conflict', '/api/duplicate', undefined],
  ['lock not available (55P03)', 409, 'locked', '/api/locked', '1'],
  ['a deadlock (40P01)', 409, 'concurrent_update', '/api/raise/40P01', '1'],
  ['a serialization failure (40001)', 409, 'concurrent_update', '/api/raise/40001', '1'],
  ['a statement timeout (57014)', 503, 'database_busy', '/api/slow', '5'],
  ['too many connections (53300)', 503, 'database_unavailable', '/api/raise/53300', '5'],
  ['a refused connection (the database is down)', 503, 'database_unavailable', '/api/refused', '5'],
  ['a session the server terminated', 503, 'database_unavailable', '/api/terminated', '5'],
  ['a connection failure (08006)', 503, 'database_unavailable', '/api/raise/08006', '5'],
  ['Temporal out of reach', 503, 'temporal_unavailable', '/api/temporal', '5'],
])('%s → %i %s', async (_what, status, code, path, retryAfter) => {
  const res = await rawRequest(base, { method: 'GET', path });
  expect([res.status, res.json?.error?.code, res.headers['retry-after']]).toEqual([status, code, retryAfter]);
  expect(res.json.error.message).toEqual(expect.any(String));
  expect(res.text).not.toMatch(/raised for a test|\n\s+at |QueryFailedError|ECONNREFUSED/);
  expect(logLines).toContainEqual(expect.objectContaining({ level: 40, code, route: path.startsWith('/api/raise/') ? '/api/raise/:state' : path }));
});

test('after the session was terminated, the next request is served again', async () => {
  expect((await rawRequest(base, { method: 'GET', path: '/api/duplicate' })).status).toBe(409);
});

test('a plain bug → 500 with no detail for the client; the log has the message, the stack and the route', async () => {
  const res = await rawRequest(base, { method: 'GET', path: '/api/boom' });
  expect([res.status, res.json]).toEqual([500, { error: { code: 'internal', message: 'internal error; see the server log' } }]);
  expect(logLines).toContainEqual(expect.objectContaining({ level: 50, route: '/api/boom', method: 'GET', err: 'secret detail of a bug', stack: expect.stringContaining('at ') }));
});
