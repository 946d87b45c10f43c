/**
 * Payload keys rotate without losing a history: a case written under key one is read, signalled
 * and finished by workers whose ring encrypts with key two and still holds key one; every payload
 * names the key it was written with, and a ring missing that key says which one to put back.
 * On the real Temporal server and PostgreSQL; the suite's own client holds no key.
 */
import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { loadConfig } from '../../engine/config';
import { KeyRingCodec, newKeyRingFile, parseKeyRing } from '../../engine/temporal/payload-codec';
import { startTestApp, uniqueKey, type TestApp } from '../support/app';
import { chain, publish, waitFor } from '../support/processes';

jest.setTimeout(120_000);

const ID = '320803199001011234';
const one = randomBytes(32).toString('base64');
const two = randomBytes(32).toString('base64');

/** Every payload in a case's history as Temporal stores it (search attributes aside: Temporal indexes them, so they stay clear and hold no personal data). */
async function storedPayloads(app: TestApp, id: string): Promise<Payload[]> {
  const history = await app.client.workflow.getHandle(id).fetchHistory();
  const found: Payload[] = [];
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return;
    const m = (v as { metadata?: Record<string, Uint8Array> }).metadata;
    if (m && typeof m === 'object' && m.encoding) found.push(v as Payload);
    for (const [k, child] of Object.entries(v)) if (k !== 'searchAttributes') walk(child);
  };
  walk(history.events);
  return found;
}

const keyIds = (payloads: Payload[]) => new Set(payloads.map((p) => Buffer.from(p.metadata?.['encryption-key-id'] ?? []).toString()));

test('write with key one, rotate to two: the old case stays readable and finishes, new payloads use two', async () => {
  const key = uniqueKey('rotate');
  const before = await startTestApp({ seed: false, payloadKeys: `one:${one}` });
  let oldCase: string;
  try {
    await publish(before, chain(key, [{ id: 'start', type: 'start' }, { id: 'wait', type: 'event', event: 'go', output: 'got' }, { id: 'end', type: 'end' }]));
    const res = await before.api('POST', '/api/cases', { processKey: key, input: { person: { idNumber: ID } } });
    oldCase = res.body.caseId;
    await waitFor(before, oldCase, 'running', 'wait');
  } finally {
    await before.stop();
  }

  const after = await startTestApp({ seed: false, payloadKeys: `two:${two},one:${one}`, taskQueue: before.taskQueue });
  try {
    // Read through the new ring: the state query replays the history written under key one.
    expect((await waitFor(after, oldCase, 'running', 'wait')).variables.person.idNumber).toBe(ID);
    const res = await after.api('POST', '/api/cases', { processKey: key, input: { person: { idNumber: ID } } });
    const newCase: string = res.body.caseId;
    expect((await after.api('POST', `/api/cases/${oldCase}/events/go`, { payload: { seen: true } })).status).toBe(202);
    expect((await waitFor(after, oldCase, 'completed')).variables.got).toEqual({ seen: true });
    await waitFor(after, newCase, 'running', 'wait');

    const oldPayloads = await storedPayloads(after, oldCase);
    const newPayloads = await storedPayloads(after, newCase);
    expect(keyIds(oldPayloads)).toEqual(new Set(['one', 'two']));
    expect(keyIds(newPayloads)).toEqual(new Set(['two']));
    for (const p of [...oldPayloads, ...newPayloads]) {
      expect(Buffer.from(p.metadata!.encoding!).toString()).toBe('binary/encrypted');
      expect(Buffer.from(p.data ?? []).toString()).not.toContain(ID);
    }

    // A ring that lost key one cannot read what it wrote, and says which key it needs.
    const lost = new KeyRingCodec(parseKeyRing(`two:${two}`, 'test'));
    const writtenWithOne = oldPayloads.find((p) => Buffer.from(p.metadata!['encryption-key-id']!).toString() === 'one')!;
    await expect(lost.decode([writtenWithOne])).rejects.toThrow(/encrypted with key 'one', which is not in the key ring/);
    await after.api('POST', `/api/cases/${newCase}/cancel`);
  } finally {
    await after.stop();
  }
});

describe('configuring the key ring', () => {
  test('PAYLOAD_ENCRYPTION_KEYS lists id:key entries, the first encrypts; the single PAYLOAD_ENCRYPTION_KEY joins last under its old id', () => {
    const config = loadConfig({ PAYLOAD_ENCRYPTION_KEYS: `two:${two}, one:${one}`, PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    expect(config.payloadKeys!.map((k) => k.id)).toEqual(['two', 'one', 'epi-flow-v1']);
    expect(loadConfig({}).payloadKeys).toBeUndefined();
  });

  test("the ring file npm start writes reads back as one key, its comments skipped", () => {
    const ring = parseKeyRing(newKeyRingFile(new Date('2026-11-29T10:00:00Z')), 'file');
    expect(ring.map((k) => [k.id, k.key.length])).toEqual([['k20261129', 32]]);
  });

  test('a bad entry is refused naming the entry, never the key', () => {
    const secret = randomBytes(16).toString('base64');
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS: `one:${secret}` })).toThrow(/PAYLOAD_ENCRYPTION_KEYS: key 'one' must be 32 bytes in base64/);
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS: `one:${secret}` })).not.toThrow(secret);
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS: two })).toThrow(/entry 1 must be <id>:<32 bytes in base64>/);
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS: `one:${one},one:${two}` })).toThrow(/ids must differ/);
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS_FILE: '/nonexistent/payload.keys' })).toThrow(/PAYLOAD_ENCRYPTION_KEYS_FILE cannot be read: ENOENT/);
  });
});
