/**
 * Delivers pending notices from the outbox, at least once. A notice is leased
 * while it is being sent: if the process dies mid-send the lease runs out and the
 * notice is sent again (receivers dedupe on the notice id). Failures back off
 * exponentially; after MAX_ATTEMPTS a notice is marked failed for an operator.
 */
import type { DataSource } from 'typeorm';
import type { Notifier, OutboundNotice } from '../adapters/notifier';
import type { Logger } from '../logger';
import { countDelivery } from '../metrics/outbox';
import type { Recipient } from './notice.entity';

const BATCH = 50;
const LEASE_SECONDS = 60;
const MAX_ATTEMPTS = 20;
const MAX_BACKOFF_SECONDS = 600;

export interface DispatchResult {
  claimed: number;
  delivered: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  case_id: string;
  channel: string;
  recipient: Recipient;
  template: string;
  params: Record<string, unknown>;
  attempts: number;
}

/** What became of one delivery, as the outbox row must say. */
type Outcome = { id: string; result: 'delivered' } | { id: string; result: 'retry' | 'failed'; error: string };

/**
 * One pass: claims up to `batch` due notices and delivers them. Safe to run from several processes
 * at once. An outcome the database did not take (it went away mid-pass) goes to `unrecorded`, for
 * the next pass to write: else the notice would wait out its lease once the database is back.
 */
async function dispatchPending(db: DataSource, notifier: Notifier, log: Logger, unrecorded: Outcome[], batch = BATCH): Promise<DispatchResult> {
  // SKIP LOCKED lets concurrent dispatchers take disjoint batches; the lease keeps a claimed notice from being taken again while it is sent.
  const rows: ClaimedRow[] = await db.query(
    `WITH claimed AS (
       UPDATE notices SET attempts = attempts + 1, lease_until = now() + make_interval(secs => $2::double precision)
       WHERE id IN (
         SELECT id FROM notices
         WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, case_id, channel, recipient, template, params, attempts)
     SELECT * FROM claimed`,
    [batch, LEASE_SECONDS],
  );
  const outcomes = await Promise.all(
    rows.map(async (row) => {
      const outcome = await deliverOne(notifier, log, row);
      await record(db, outcome).catch(() => unrecorded.push(outcome));
      return outcome.result;
    }),
  );
  outcomes.forEach(countDelivery);
  return { claimed: rows.length, delivered: outcomes.filter((o) => o === 'delivered').length, failed: outcomes.filter((o) => o === 'failed').length };
}

async function deliverOne(notifier: Notifier, log: Logger, row: ClaimedRow): Promise<Outcome> {
  const notice: OutboundNotice = {
    id: row.id,
    caseId: row.case_id,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    params: row.params,
  };
  try {
    await notifier.deliver(notice);
    return { id: row.id, result: 'delivered' };
  } catch (err) {
    const error = (err as Error).message.slice(0, 500);
    const giveUp = row.attempts >= MAX_ATTEMPTS;
    log.warn({ noticeId: row.id, attempts: row.attempts, notifier: notifier.kind, err: error }, giveUp ? 'notice failed for good' : 'notice delivery failed; will retry');
    return { id: row.id, result: giveUp ? 'failed' : 'retry', error };
  }
}

/** Writes an outcome to its outbox row and lets go of the lease. */
async function record(db: DataSource, outcome: Outcome): Promise<void> {
  if (outcome.result === 'delivered') {
    await db.query(`UPDATE notices SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1`, [outcome.id]);
    return;
  }
  await db.query(
    `UPDATE notices SET lease_until = NULL, last_error = $2, status = CASE WHEN $3::boolean THEN 'failed' ELSE status END,
       next_attempt_at = now() + make_interval(secs => LEAST(power(2, attempts), $4::double precision))
     WHERE id = $1`,
    [outcome.id, outcome.error, outcome.result === 'failed', MAX_BACKOFF_SECONDS],
  );
}

export interface RunningDispatcher {
  stop(): Promise<void>;
}

/** Polls the outbox until stopped; a full batch is followed at once by the next one. */
export function startNoticeDispatcher(db: DataSource, notifier: Notifier, log: Logger, intervalMs = 500): RunningDispatcher {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const unrecorded: Outcome[] = [];
  const tick = async () => {
    try {
      // First what the database missed when it went away; an outcome it still refuses stays for the next pass.
      while (unrecorded.length > 0) {
        await record(db, unrecorded[0]);
        unrecorded.shift();
      }
      let full = true;
      while (!stopped && full) full = (await dispatchPending(db, notifier, log, unrecorded)).claimed === BATCH;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'notice dispatcher pass failed');
    }
    if (!stopped) timer = setTimeout(() => (current = tick()), intervalMs);
  };
  current = tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
