/**
 * Encrypts every payload (case input, variables, activity arguments and results)
 * before it reaches Temporal, whose histories would otherwise hold ID numbers,
 * itineraries and test results in clear. AES-256-GCM with a key from config.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'epi-flow-v1';

export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the payload key must be 32 bytes');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.key, iv);
      const plain = Buffer.from(JSON.stringify({ metadata: encodeMetadata(p.metadata), data: Buffer.from(p.data ?? []).toString('base64') }));
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: Buffer.from(ENCODING), 'encryption-key-id': Buffer.from(KEY_ID) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (Buffer.from(p.metadata?.encoding ?? []).toString() !== ENCODING) return p;
      const buf = Buffer.from(p.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12));
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

/** The data converter for clients and workers: encrypting when a key is configured. */
export function dataConverterFor(key: Buffer | undefined): DataConverter | undefined {
  return key ? { payloadCodecs: [new AesGcmCodec(key)] } : undefined;
}
