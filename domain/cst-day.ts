/** yyyymmdd of an instant in China Standard Time (UTC+8, no daylight saving): the date printed on records and codes. */
export function cstDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}
