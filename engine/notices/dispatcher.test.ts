import pino from 'pino';
import type { DataSource } from 'typeorm';
import type { Notifier, OutboundNotice } from '../adapters/notifier';
import { startNoticeDispatcher } from './dispatcher';

/**
 * The outbox database as the dispatcher sees it, in memory: one due notice to claim, and the
 * statements that record an outcome, which fail while `down` is set (the database went away
 * between the claim and the record). The SQL itself runs against PostgreSQL in test/activities/outbox.test.ts.
 */
function outbox() {
  const state = { down: false, claimable: true, recorded: [] as string[] };
  const db = {
    async query(sql: string, params: unknown[]) {
      if (sql.includes('WITH claimed')) {
        if (!state.claimable) return [];
        state.claimable = false;
        return [{ id: 'n1', case_id: 'c1', channel: 'wecom', recipient: { type: 'group', id: 'district-office' }, template: 't', params: {}, attempts: 1 }];
      }
      if (state.down) throw new Error('Connection terminated unexpectedly');
      state.recorded.push(`${sql.includes("status = 'delivered'") ? 'delivered' : 'retry'} ${String(params[0])}`);
      return [];
    },
  };
  return { state, db: db as unknown as DataSource };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

test('a delivery the database could not record (it went away) is recorded when it answers again, and not sent twice', async () => {
  const { state, db } = outbox();
  const sent: OutboundNotice[] = [];
  const notifier: Notifier = {
    kind: 'local',
    async deliver(notice) {
      sent.push(notice);
      state.down = true;
    },
  };
  const dispatcher = startNoticeDispatcher(db, notifier, pino({ level: 'silent' }), 20);
  try {
    await until(() => sent.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(state.recorded).toEqual([]);
    state.down = false;
    await until(() => state.recorded.length === 1);
    expect(state.recorded).toEqual(['delivered n1']);
    expect(sent.map((n) => n.id)).toEqual(['n1']);
  } finally {
    await dispatcher.stop();
  }
});

test('a failed delivery the database could not record gives its lease back once the database answers, so the notice is retried soon', async () => {
  const { state, db } = outbox();
  const notifier: Notifier = {
    kind: 'local',
    async deliver() {
      state.down = true;
      throw new Error('the outbox table is gone');
    },
  };
  const dispatcher = startNoticeDispatcher(db, notifier, pino({ level: 'silent' }), 20);
  try {
    await new Promise((r) => setTimeout(r, 100));
    state.down = false;
    await until(() => state.recorded.length === 1);
    expect(state.recorded).toEqual(['retry n1']);
  } finally {
    await dispatcher.stop();
  }
});
