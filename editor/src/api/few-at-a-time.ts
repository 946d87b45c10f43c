/**
 * Requests run a few at a time. A browser opens at most six connections to a host: a list that
 * asked for every row's detail at once (each a query of the case's live state, slow for a case
 * whose worker is busy or gone) would hold them all, and the next page or a new filter would wait
 * behind. A request whose signal aborts while it waits is never sent.
 */
const AT_ONCE = 2;

let running = 0;
const waiting: (() => void)[] = [];

export async function fewAtATime<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) {
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal.removeEventListener('abort', drop);
        resolve();
      };
      const drop = () => {
        waiting.splice(waiting.indexOf(go), 1);
        reject(new DOMException('no longer needed', 'AbortError'));
      };
      waiting.push(go);
      signal.addEventListener('abort', drop, { once: true });
    });
  }
  running++;
  try {
    return await run();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
