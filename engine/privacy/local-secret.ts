/**
 * Secrets a single machine keeps for itself when none is configured: a file under
 * DATA_DIR/secrets, made once with mode 0600 (the folder 0700) and read ever after. Processes
 * starting together agree on one: the file is written whole under a temporary name and linked
 * into place, which fails for all but the first.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { newKeyRingFile } from '../temporal/payload-codec';

/** Where the local secrets live. */
export function secretsDir(dataDir: string): string {
  return path.join(dataDir, 'secrets');
}

/** The content of DATA_DIR/secrets/<name>, written by `make` the first time. */
export function localSecret(dataDir: string, name: string, make: () => string): string {
  const dir = secretsDir(dataDir);
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, make(), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (err) {
    // Another process made it first: theirs is the one.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.unlinkSync(temporary);
  }
  return fs.readFileSync(file, 'utf8');
}

const PAYLOAD_KEYS_FILE = 'payload.keys';

/**
 * npm start's payload keys when none is configured: DATA_DIR/secrets/payload.keys, made once.
 * Answers the file its parts read (PAYLOAD_ENCRYPTION_KEYS_FILE), or undefined when keys are configured.
 */
export function localPayloadKeysFile(dataDir: string, configured: boolean): string | undefined {
  if (configured) return undefined;
  localSecret(dataDir, PAYLOAD_KEYS_FILE, () => newKeyRingFile());
  return path.join(secretsDir(dataDir), PAYLOAD_KEYS_FILE);
}
