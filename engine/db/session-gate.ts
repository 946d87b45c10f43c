/**
 * One holder at a time, the others in arrival order. PGlite is a single
 * PostgreSQL backend: whoever holds the gate owns the session's unnamed statement,
 * portal and open transaction, so nobody else may send it a message meanwhile.
 * FIFO rather than "whoever asks next" so a busy client cannot starve the rest.
 */
export class SessionGate<T> {
  private current: T | undefined;
  private readonly waiting: { who: T; answer: (granted: boolean) => void }[] = [];

  /** Resolves true once `who` holds the gate, or false if it was withdrawn while waiting. */
  acquire(who: T): Promise<boolean> {
    if (this.current === undefined) {
      this.current = who;
      return Promise.resolve(true);
    }
    return new Promise((answer) => this.waiting.push({ who, answer }));
  }

  /** Passes the gate to the longest waiter. Only the holder may release. */
  release(who: T): void {
    if (this.current !== who) throw new Error('the session gate was released by a client that does not hold it');
    const next = this.waiting.shift();
    this.current = next?.who;
    next?.answer(true);
  }

  /** Takes a client that gave up (disconnected) out of the queue; its pending acquire answers false. */
  withdraw(who: T): void {
    const at = this.waiting.findIndex((w) => w.who === who);
    if (at >= 0) this.waiting.splice(at, 1)[0].answer(false);
  }

  /** Who holds the gate now (undefined when the session is free). */
  get holder(): T | undefined {
    return this.current;
  }

  /** How many clients wait behind the holder. */
  get queueLength(): number {
    return this.waiting.length;
  }
}
