/**
 * Recorded decisions of a rule set, newest first, streamed from PostgreSQL through a server-side
 * cursor in batches: an impact preview over half a million decisions never holds them all, and
 * stops reading when it is cancelled. Only what the preview needs is read (not the trace, the
 * largest column; of the events only the first one's params).
 */
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { RecordedDecision } from '../../rules/simulate';

export interface DecisionWindow {
  rulesetKey: string;
  since: Date;
  limit: number;
}

const BATCH = 5_000;

/** case_id, node_id, visit, facts, outcome, params: arrays, not objects, cost the driver less per row. */
type Row = [string, string, number, Record<string, unknown>, string | null, Record<string, unknown> | null];

export async function* recordedDecisions(db: DataSource, window: DecisionWindow, signal?: AbortSignal): AsyncGenerator<RecordedDecision[]> {
  const runner = db.createQueryRunner();
  // The driver's own client: TypeORM's query wrapper costs more than the rows themselves here.
  const client = (await runner.connect()) as PoolClient;
  let open = false;
  let next: Promise<{ rows: Row[] }> | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    // The cursor's name is ours and fixed: one per transaction, and this transaction is ours alone.
    await client.query(
      `DECLARE preview NO SCROLL CURSOR FOR
         SELECT case_id, node_id, visit, facts, outcome, events -> 0 -> 'params'
         FROM decisions WHERE ruleset_key = $1 AND decided_at >= $2
         ORDER BY decided_at DESC, id DESC LIMIT $3`,
      [window.rulesetKey, window.since, window.limit],
    );
    const fetch = () => client.query<Row>({ text: `FETCH ${BATCH} FROM preview`, rowMode: 'array' });
    // The next batch is asked for before this one is handed on, so the server works while we evaluate.
    next = fetch();
    for (;;) {
      const { rows } = await next;
      signal?.throwIfAborted();
      const more = rows.length === BATCH;
      if (more) next = fetch();
      if (rows.length > 0) yield rows.map((r) => ({ id: `${r[0]}/${r[1]}#${r[2]}`, facts: r[3], outcome: r[4], params: r[5] ?? {} }));
      if (!more) break;
    }
    await client.query('COMMIT');
    open = false;
  } finally {
    // A consumer that stopped early may leave a batch on its way: it is awaited, never left to fail unheard.
    await next?.catch(() => undefined);
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}
