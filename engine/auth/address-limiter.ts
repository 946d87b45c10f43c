/**
 * Failed sign-ins per client address in a sliding window, in this process's memory: with
 * several API processes each counts its own (the per-account lock, in the database, is the one
 * all processes share). Bounded: the oldest addresses are forgotten past MAX_ADDRESSES.
 */
const MAX_ADDRESSES = 10_000;

export class AddressLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(address, kept);
    else this.failures.delete(address);
    return kept;
  }

  /** Milliseconds until this address may try again, or 0 when it may now. */
  retryAfterMs(address: string): number {
    const kept = this.recent(address);
    return kept.length < this.limit ? 0 : kept[kept.length - this.limit] + this.windowMs - this.now();
  }

  /** Counts one failure from this address. */
  fail(address: string): void {
    const kept = this.recent(address);
    this.failures.delete(address);
    this.failures.set(address, [...kept, this.now()]);
    if (this.failures.size > MAX_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
  }
}
