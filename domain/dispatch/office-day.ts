/**
 * The office's day (Asia/Shanghai, UTC+8 all year: China keeps no daylight saving): a report's day
 * is a calendar date there, and its figures cover that date's 24 hours.
 */
import { z } from 'zod';

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** A calendar date, YYYY-MM-DD, that exists, in 1900-2099 (years PostgreSQL and a report both make sense of). */
export const officeDay = z
  .string()
  .regex(/^(19|20)\d{2}-\d{2}-\d{2}$/, 'must be a date in 1900-2099, YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: 'is not a calendar date' });

/** The day's first instant and the next day's. */
export function dayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** The office's date at an instant. */
export function dayAt(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The office's date before the one at an instant: what a morning's dispatch reports on. */
export function dayBefore(at: Date): string {
  return dayAt(new Date(at.getTime() - DAY_MS));
}
