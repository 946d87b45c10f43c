import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { localSecret } from './local-secret';

/** The secret case ids and business-key hashes are keyed with: HASH_SECRET, else DATA_DIR/secrets/hash.key, made once. */
export function hashSecretOf(config: Pick<Config, 'hashSecret' | 'dataDir'>): Buffer {
  return config.hashSecret ?? Buffer.from(localSecret(config.dataDir, 'hash.key', () => `${randomBytes(32).toString('hex')}\n`).trim());
}
