/**
 * Encrypts every payload (case input, variables, activity arguments and results)
 * before it reaches Temporal, whose histories would otherwise hold ID numbers,
 * itineraries and test results in clear. AES-256-GCM under a key ring: the first key
 * encrypts, every key decrypts, and the id of the key used rides in each payload's
 * metadata, so after a rotation the histories written under older keys stay readable
 * for as long as their keys stay in the ring.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ValueError, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';

const ENCODING = 'binary/encrypted';
const KEY_ID_FIELD = 'encryption-key-id';

/** The id PAYLOAD_ENCRYPTION_KEY's one key always had, which payloads written under it carry. */
export const SINGLE_KEY_ID = 'epi-flow-v1';

/** One key of the ring: 32 bytes and the id written beside what it encrypts. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** A key id: short, printable, safe in a file line and an environment variable. */
export const PAYLOAD_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A key ring that cannot be used, or a payload whose key it lacks; never quotes a key. */
export class PayloadKeyError extends Error {}

/**
 * Whether `err` says a payload cannot be read here: sealed with a key this ring lacks, or sealed
 * at all where this process has no ring (the plain converter knows no 'binary/encrypted').
 */
export function isUnreadablePayload(err: unknown): boolean {
  return err instanceof PayloadKeyError || (err instanceof ValueError && err.message.startsWith('Unknown encoding'));
}

/** Temporal's payload codec over a key ring: encrypts with the first key, decrypts with the one a payload names. */
export class KeyRingCodec implements PayloadCodec {
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(private readonly ring: readonly PayloadKey[]) {
    if (ring.length === 0) throw new PayloadKeyError('the payload key ring is empty');
    for (const k of ring) {
      if (!PAYLOAD_KEY_ID.test(k.id)) throw new PayloadKeyError(`payload key id '${k.id}' must be 1-64 letters, digits, . _ or -`);
      if (k.key.length !== 32) throw new PayloadKeyError(`payload key '${k.id}' must be 32 bytes`);
    }
    this.byId = new Map(ring.map((k) => [k.id, k.key]));
    if (this.byId.size !== ring.length) throw new PayloadKeyError('payload key ids must differ');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.ring[0];
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = Buffer.from(JSON.stringify({ metadata: encodeMetadata(p.metadata), data: Buffer.from(p.data ?? []).toString('base64') }));
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: Buffer.from(ENCODING), [KEY_ID_FIELD]: Buffer.from(id) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (Buffer.from(p.metadata?.encoding ?? []).toString() !== ENCODING) return p;
      const id = Buffer.from(p.metadata?.[KEY_ID_FIELD] ?? []).toString();
      const key = this.byId.get(id);
      // A ring missing an older key cannot read what that key wrote: say which key to put back.
      if (!key) throw new PayloadKeyError(`a payload was encrypted with key '${id}', which is not in the key ring (PAYLOAD_ENCRYPTION_KEYS)`);
      const buf = Buffer.from(p.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(buf.length - 16));
      const plain = Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]);
      const inner = JSON.parse(plain.toString()) as { metadata: Record<string, string>; data: string };
      return { metadata: decodeMetadata(inner.metadata), data: Buffer.from(inner.data, 'base64') };
    });
  }
}

function encodeMetadata(m: Payload['metadata']): Record<string, string> {
  return Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]));
}

function decodeMetadata(m: Record<string, string>): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

/**
 * Reads a key ring written as `id:base64` entries, separated by commas or new lines (blank lines
 * and `#` comments skipped), the encrypting key first. Errors never quote a key.
 */
export function parseKeyRing(text: string, source: string): PayloadKey[] {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const ring = entries.map((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon).trim() : '';
    const value = colon > 0 ? entry.slice(colon + 1).trim() : '';
    if (!PAYLOAD_KEY_ID.test(id)) throw new PayloadKeyError(`${source}: entry ${i + 1} must be <id>:<32 bytes in base64>, with an id of letters, digits, . _ or - (the value is not shown: it is a secret)`);
    const key = Buffer.from(value, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/]+=*$/.test(value)) throw new PayloadKeyError(`${source}: key '${id}' must be 32 bytes in base64 (openssl rand -base64 32)`);
    return { id, key };
  });
  const twice = ring.find((k, i) => ring.findIndex((o) => o.id === k.id) !== i);
  if (twice) throw new PayloadKeyError(`${source}: payload key ids must differ ('${twice.id}' is there twice)`);
  return ring;
}

/** A fresh ring of one key, as written to DATA_DIR/secrets/payload.keys the first time. */
export function newKeyRingFile(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replace(/-/g, '')}`;
  return [
    '# Temporal payload keys: one <id>:<base64> per line, the first encrypts, every one decrypts.',
    '# Rotate: put a new line on top (openssl rand -base64 32) and keep the old ones while histories need them.',
    `${id}:${randomBytes(32).toString('base64')}`,
    '',
  ].join('\n');
}

/** The data converter for clients and workers: encrypting when a key ring is configured. */
export function dataConverterFor(ring: readonly PayloadKey[] | undefined): DataConverter | undefined {
  return ring && ring.length > 0 ? { payloadCodecs: [new KeyRingCodec(ring)] } : undefined;
}
