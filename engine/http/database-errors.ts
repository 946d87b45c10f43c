/**
 * Database errors a client can act on, as answers: a clash with existing data is a 409, a
 * clash with a concurrent request a 409 worth retrying, and a database that is down or
 * overloaded a 503 with Retry-After. Read from pg's error or TypeORM's wrapper of it.
 */
import type { ApiErrorCode } from '../../language';
import { errorCode, isDatabaseUnreachable } from '../db/pg-errors';

/** What the API answers for an error, with a Retry-After when trying again can help. */
export interface ErrorAnswer {
  status: number;
  code: ApiErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

const CONCURRENT: ErrorAnswer = { status: 409, code: 'concurrent_update', message: 'a concurrent change to the same records got in the way; send the request again', retryAfterSeconds: 1 };
const UNAVAILABLE: ErrorAnswer = { status: 503, code: 'database_unavailable', message: 'the database is unavailable; retry shortly', retryAfterSeconds: 5 };

/** By SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const BY_SQLSTATE = new Map<string, ErrorAnswer>([
  ['23505', { status: 409, code: 'conflict', message: 'a record with the same key already exists' }],
  ['55P03', { ...CONCURRENT, code: 'locked', message: 'another request is changing the same records; send the request again shortly' }],
  ['40P01', CONCURRENT], // deadlock: one side is rolled back and may simply run again
  ['40001', CONCURRENT], // serialization failure: likewise
  ['57014', { status: 503, code: 'database_busy', message: 'the database took too long to answer; retry shortly', retryAfterSeconds: 5 }],
  ['53300', UNAVAILABLE], // too many connections
]);

/** The answer for a database error, or undefined when `err` is not one this knows. */
export function databaseAnswer(err: unknown): ErrorAnswer | undefined {
  const known = BY_SQLSTATE.get(errorCode(err) ?? '');
  if (known) return known;
  return isDatabaseUnreachable(err) ? UNAVAILABLE : undefined;
}
