/**
 * ISO-8601 durations limited to weeks, days, hours, minutes and seconds: years and
 * months have no fixed length, so a policy must say "P30D", not "P1M".
 */
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/** True when the text is meant as a literal duration (and not an expression). */
export function looksLikeDuration(text: string): boolean {
  return /^P[\dWDTHMS.]*$/.test(text) || /^P\d+[YM]/.test(text);
}

/** Milliseconds of a duration, or an error message naming what is wrong. */
export function parseDuration(text: string): { ms: number } | { error: string } {
  if (/\d+[YM]/.test(text.split('T')[0] ?? '')) {
    return { error: `'${text}': years and months have no fixed length; use days (P30D)` };
  }
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return { error: `'${text}' is not an ISO-8601 duration such as P7D or PT1H30M` };
  const [, w, d, h, min, s] = m;
  const ms =
    (Number(w ?? 0) * 7 * 24 + Number(d ?? 0) * 24 + Number(h ?? 0)) * 3_600_000 + Number(min ?? 0) * 60_000 + Math.round(Number(s ?? 0) * 1000);
  return { ms };
}

/** Milliseconds of a duration; throws with the reason when it is not one. */
export function durationMs(text: string): number {
  const r = parseDuration(text);
  if ('error' in r) throw new Error(r.error);
  return r.ms;
}
