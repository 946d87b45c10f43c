import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineActivity } from '../../engine/activities/define';
import { notifyActivity } from '../../engine/activities/builtin/notify';
import { WebhookNotifier } from '../../engine/adapters/webhook-notifier';
import { NoticeDeliveryEntity } from '../../engine/notices/notice-delivery.entity';
import { NoticeEntity } from '../../engine/notices/notice.entity';
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';
import { call, contextFor } from './activity-context';

/** notify, except that its first attempt stores the notice and then never answers, like a worker that died mid-call. */
const attempts: Record<string, number> = {};
const notifyThenCrash = defineActivity({
  ...notifyActivity,
  name: 'testNotifyThenCrash',
  timeout: 'PT1S',
  retry: { maxAttempts: 3, initialInterval: 'PT0.1S', backoff: 1 },
  async handler(input, ctx) {
    attempts[ctx.meta.caseId] = ctx.attempt;
    const out = await notifyActivity.handler(input, ctx);
    if (ctx.attempt === 1) await new Promise((r) => setTimeout(r, 2500));
    return out;
  },
});

const app = useTestApp({ extraActivities: [notifyThenCrash] });

const notices = () => app.platform.services.db.getRepository(NoticeEntity);
const deliveries = () => app.platform.services.db.getRepository(NoticeDeliveryEntity);
const settle = () => new Promise((r) => setTimeout(r, 1500));

test('an activity retried after a crash mid-call stores one notice, and it is delivered once', async () => {
  const key = uniqueKey('outbox');
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'tell', type: 'activity', activity: 'testNotifyThenCrash', input: { to: "{'type': 'group', 'id': 'district-office'}", template: "'case-opened'" }, output: 'sent' },
      { id: 'end', type: 'end' },
    ]),
  );
  const id = await startCase(app, key);
  const done = await waitFor(app, id, 'completed', undefined, 20_000);
  expect(attempts[id]).toBe(2);
  const stored = await notices().findBy({ caseId: id });
  expect(stored).toHaveLength(1);
  expect(done.variables.sent.noticeId).toBe(stored[0].id);
  await eventually(async () => ((await notices().findOneByOrFail({ id: stored[0].id })).status === 'delivered' ? true : undefined));
  // Further dispatcher passes find nothing more to send.
  await settle();
  expect(await deliveries().countBy({ noticeId: stored[0].id })).toBe(1);
});

test('the same idempotency key twice (a retried attempt) stores one notice', async () => {
  const caseId = uniqueKey('twice');
  const input = { to: { type: 'person' as const, id: randomUUID() }, template: 'released', params: { number: 'JC-1' } };
  const [a, b] = await Promise.all([
    call(notifyActivity, input, contextFor(app, caseId, 'tell')),
    call(notifyActivity, input, contextFor(app, caseId, 'tell', 1, 2)),
  ]);
  expect(b.noticeId).toBe(a.noticeId);
  expect(await notices().countBy({ caseId: caseId })).toBe(1);
  const other = await call(notifyActivity, input, contextFor(app, caseId, 'tell', 2));
  expect(other.noticeId).not.toBe(a.noticeId);
});

test('at least once: a notice whose dispatcher died mid-send is sent again when its lease runs out', async () => {
  const caseId = uniqueKey('lease');
  const id = randomUUID();
  const recipient = { type: 'group' as const, id: 'district-office' };
  await notices().insert({
    id,
    idempotencyKey: `${caseId}:tell:1`,
    caseId: caseId,
    channel: 'wecom',
    recipient,
    template: 'escalation',
    params: {},
    attempts: 1,
    leaseUntil: new Date(Date.now() - 1000),
  });
  // The send that happened before the dispatcher died: recorded, but the notice never marked delivered.
  await deliveries().insert({ noticeId: id, channel: 'wecom', recipient });
  await eventually(async () => ((await notices().findOneByOrFail({ id })).status === 'delivered' ? true : undefined));
  expect(await deliveries().countBy({ noticeId: id })).toBe(2);
  expect((await notices().findOneByOrFail({ id })).attempts).toBe(2);
});

test('the webhook notifier posts the notice with its id as Idempotency-Key, and fails on an error status', async () => {
  const received: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const notifier = new WebhookNotifier(`http://127.0.0.1:${(server.address() as AddressInfo).port}/notices`);
    const notice = { id: randomUUID(), caseId: 'c1', channel: 'sms', recipient: { type: 'person' as const, id: 'p1' }, template: 'released', params: { number: 'JC-2' } };
    await notifier.deliver(notice);
    expect(received[0].headers['idempotency-key']).toBe(notice.id);
    expect(received[0].body).toEqual(notice);
    status = 503;
    await expect(notifier.deliver(notice)).rejects.toThrow('notifier webhook answered 503');
  } finally {
    server.close();
  }
});
