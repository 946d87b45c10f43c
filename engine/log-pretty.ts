/**
 * Log lines for a person at a terminal: `12:04:31.207 INFO  epi-flow-api  message  key=value`,
 * the level coloured. pino still makes every line (with its redaction); this only re-renders
 * the JSON, in-process and synchronously. A small formatter of our own rather than pino-pretty:
 * the fields are few and known, and pino-pretty would bring a dependency and a worker thread.
 */
const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[36m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[35m'],
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
/** pino's own fields, shown in the line's head rather than as key=value. */
const HEAD = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg']);

function fieldValue(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

/** One pino JSON line as a readable one; a line that is not pino's JSON passes through. */
export function prettyLine(json: string, colours: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const [label, colour] = LEVELS[entry.level as number] ?? [String(entry.level), ''];
  const time = new Date(entry.time as number).toISOString().slice(11, 23);
  const paint = (code: string, s: string) => (colours ? `${code}${s}${RESET}` : s);
  const fields = Object.entries(entry)
    .filter(([k]) => !HEAD.has(k))
    .map(([k, v]) => (k === 'stack' && typeof v === 'string' ? `\n${v}` : `${k}=${fieldValue(v)}`));
  return `${paint(DIM, time)} ${paint(colour, label)} ${paint(DIM, String(entry.name ?? ''))}  ${String(entry.msg ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}\n`;
}

/** A pino destination that writes readable lines to `out`. */
export function prettyDestination(out: NodeJS.WriteStream = process.stdout): { write(line: string): void } {
  const colours = out.isTTY === true && !process.env.NO_COLOR;
  return { write: (line) => void out.write(prettyLine(line, colours)) };
}
