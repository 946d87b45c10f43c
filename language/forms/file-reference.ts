/**
 * A file reference: where a stored file is, as a task's data holds it (the platform has no upload
 * service; the file is kept by the office's own store and the form records where). Either a web
 * address (http or https, with a host) or an object-store key (`oss://bucket/key`, Alibaba Cloud
 * OSS, or `s3://bucket/key`). Pure string checks: they run in the browser, the server and the sandbox.
 */

/** At most this long, as a browser's address bar keeps it. */
export const FILE_REFERENCE_MAX = 2000;

const WEB = /^https?:\/\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*(?::\d{1,5})?(?:[/?#]\S*)?$/;
/** A bucket as OSS and S3 name them (3-63 lower-case letters, digits, dots and hyphens), then a key. */
const OBJECT_STORE = /^(?:oss|s3):\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/\S+$/;

export type FileReferenceFault = 'format' | 'too_long';

/** What is wrong with `value` as a file reference, or undefined when it is one. */
export function fileReferenceFault(value: string): FileReferenceFault | undefined {
  if (value.length > FILE_REFERENCE_MAX) return 'too_long';
  return WEB.test(value) || OBJECT_STORE.test(value) ? undefined : 'format';
}
