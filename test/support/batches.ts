/**
 * Many requests from one test, `size` at a time: all at once, hundreds of them queue for the test
 * app's pool of ten connections, and on a loaded machine the wait outgrows the pool's connect
 * timeout (CI saw "timeout exceeded when trying to connect" in the authorization matrix).
 */
export async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  }
  return results;
}
