/** Tests whose cases must fall in one office day (Asia/Shanghai): near its midnight they wait for the next day to begin. */
import { dayAt } from '../../domain/dispatch/office-day';

/** Waits past the coming midnight in Shanghai when it is less than `marginMs` away. */
export async function clearOfMidnight(marginMs: number): Promise<void> {
  const now = Date.now();
  const nextMidnight = Date.parse(`${dayAt(new Date(now + 86_400_000))}T00:00:00+08:00`);
  if (nextMidnight - now < marginMs) await new Promise((r) => setTimeout(r, nextMidnight - now + 1000));
}
