import type { Logger } from './logger';

/**
 * What has been started, stopped in reverse order: a part that fails to stop is logged
 * and the others still stop, so nothing half-started is left behind.
 */
export class StopStack {
  private readonly parts: { name: string; stop: () => Promise<unknown> }[] = [];

  constructor(private readonly log: Logger) {}

  push(name: string, stop: () => Promise<unknown>): void {
    this.parts.push({ name, stop });
  }

  async stopAll(): Promise<void> {
    for (const part of this.parts.splice(0).reverse()) {
      try {
        await part.stop();
      } catch (err) {
        this.log.warn({ part: part.name, err: (err as Error).message }, 'error while stopping');
      }
    }
  }
}
