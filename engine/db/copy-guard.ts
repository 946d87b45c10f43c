/**
 * PGlite cannot take COPY … FROM STDIN over the wire. Its backend runs only while
 * it has input in hand, and a COPY that asks for data the client sends only after
 * seeing CopyInResponse ends the WASM program (exit(1)): the database is then dead
 * for every client until restart (PGlite 0.5.14, tested). So the statement is
 * replaced, before PGlite sees it, by one that fails inside the session with
 * feature_not_supported: the client gets an ordinary error, and its transaction
 * turns failed exactly as PostgreSQL turns it on any error.
 */
import { cstring, QUERY, wireMessage } from './pg-wire';

const PARSE = 0x50; // 'P'
/** At the start of the text or of a later statement in it (after any comments), so a string literal elsewhere does not match. */
const COPY_FROM_STDIN = /(?:^|;)(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*copy\b[^;]*\bfrom\s+stdin\b/i;
const REFUSAL =
  "DO $$BEGIN RAISE EXCEPTION 'COPY FROM STDIN is not supported by the embedded database (PGlite)' USING ERRCODE = 'feature_not_supported'; END$$";

/** The message as it should reach PGlite: unchanged, or a COPY FROM STDIN turned into a statement that fails. */
export function guardCopyFromStdin(message: { type: number; bytes: Buffer }): Buffer {
  const { type, bytes } = message;
  if (type === QUERY) {
    const sql = bytes.toString('utf8', 5, bytes.length - 1);
    return COPY_FROM_STDIN.test(sql) ? wireMessage('Q', cstring(REFUSAL)) : bytes;
  }
  if (type === PARSE) {
    const nameEnd = bytes.indexOf(0, 5);
    const sqlEnd = bytes.indexOf(0, nameEnd + 1);
    if (nameEnd < 0 || sqlEnd < 0 || !COPY_FROM_STDIN.test(bytes.toString('utf8', nameEnd + 1, sqlEnd))) return bytes;
    // Same statement name; no parameter types, as the refusal takes none (nor does a COPY).
    return wireMessage('P', Buffer.concat([bytes.subarray(5, nameEnd + 1), cstring(REFUSAL), Buffer.from([0, 0])]));
  }
  return bytes;
}
