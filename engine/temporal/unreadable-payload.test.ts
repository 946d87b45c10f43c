/**
 * A payload this process cannot read — sealed with a key its ring lacks, or sealed at all where it
 * has no ring — is told apart from other failures: the schedule list leaves such a schedule (kept
 * by another platform in a shared namespace) out instead of answering 500.
 */
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { isUnreadablePayload, KeyRingCodec } from './payload-codec';

const sealed = async (id: string) => {
  const [payload] = await new KeyRingCodec([{ id, key: randomBytes(32) }]).encode([defaultPayloadConverter.toPayload({ name: 'daily report' })!]);
  return payload;
};

test('sealed with another key: unreadable', async () => {
  const payload = await sealed('theirs');
  const ours = new KeyRingCodec([{ id: 'ours', key: randomBytes(32) }]);
  const err = await ours.decode([payload]).catch((e: unknown) => e);
  expect(isUnreadablePayload(err)).toBe(true);
});

test('sealed, read without a ring: unreadable', async () => {
  const payload = await sealed('theirs');
  let err: unknown;
  try {
    defaultPayloadConverter.fromPayload(payload);
  } catch (e) {
    err = e;
  }
  expect(isUnreadablePayload(err)).toBe(true);
});

test('anything else is not: the list still fails with it', () => {
  expect(isUnreadablePayload(new Error('Unexpected error while making gRPC request'))).toBe(false);
  expect(isUnreadablePayload(undefined)).toBe(false);
});
