/**
 * How many cases a worker keeps in memory between their steps: the SDK's workflow cache, which
 * spares a case the replay of its history when its next step comes.
 *
 * A cached case costs far more heap than the SDK's default assumes. Each workflow in the sandbox
 * holds its own instance of nearly every module of the bundle (in plain Node: the workflow library
 * about 1.4 MB, the OpenTelemetry interceptors about 2.6 MB, the interpreter about 1.1 MB), with
 * the process definition and what it has compiled: a waiting arrival-screening case took about
 * 3.3 MB of a worker's resident memory (`npm run bench hold`: 2.0 GB with some 480 cases cached,
 * 0.5 GB with 20). The SDK's default, about 2,300 cases for Node's 4 GB heap, would need some
 * 7.6 GB. In a wave of 20,000 cases the workers grew to 2.6 GB and cases began at about 2.4 a
 * second, where a run of 3,000 began 8 a second: a heap near its limit, collecting garbage, is
 * the likely cause. So the default here fills half the heap, and WORKER_CACHED_CASES sets it.
 */
import v8 from 'node:v8';

/** Heap a cached case is budgeted, in MB: the 3.3 MB measured, rounded up. */
export const CACHED_CASE_MB = 4;

/** At least this many, so that a small heap still keeps the cases it is stepping through. */
const MIN_CACHED_CASES = 10;

export function cachedCases(configured: number | undefined, heapLimitMb = v8.getHeapStatistics().heap_size_limit / 1024 / 1024): number {
  return configured ?? Math.max(MIN_CACHED_CASES, Math.floor(heapLimitMb / 2 / CACHED_CASE_MB));
}
