/**
 * An activity that finds the database unreachable waits for it inside the same attempt and runs
 * again, instead of spending its retries: a notify declares five attempts over about 15 s, so a
 * database restart of 20 s would otherwise fail the case. Running again is safe because
 * handlers are idempotent per visit (ActivityContext.idempotencyKey). When the attempt's time is
 * nearly gone the error goes to Temporal as it is, and its retry policy takes over.
 */
import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { isDatabaseUnreachable } from '../db/pg-errors';

const POLL_MS = 1000;
/** Left of the attempt's start-to-close time to run the handler once more after the wait. */
const RESERVE_MS = 5000;

async function reachable(db: DataSource): Promise<boolean> {
  try {
    await db.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Runs `work`, outlasting database outages while the attempt (`deadline`, epoch ms) has time for it. */
export async function outlastDatabaseOutage<T>(db: DataSource, deadline: number, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (!isDatabaseUnreachable(err)) throw err;
      let back = false;
      // Context.sleep ends early, with a cancellation, when the workflow no longer wants the result.
      while (!back && Date.now() + POLL_MS + RESERVE_MS < deadline) {
        await Context.current().sleep(POLL_MS);
        back = await reachable(db);
      }
      if (!back) throw err;
    }
  }
}

/** When the current attempt must be done by (epoch ms); undefined without a start-to-close timeout. */
export function attemptDeadline(): number | undefined {
  const { startToCloseTimeoutMs } = Context.current().info;
  return startToCloseTimeoutMs ? Date.now() + startToCloseTimeoutMs : undefined;
}
