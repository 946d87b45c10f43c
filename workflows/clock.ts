/**
 * The only place workflows/ reads time or randomness. Inside the Temporal sandbox
 * Date.now() is the workflow's logical time and Math.random is seeded per run,
 * so both replay identically; the lint rule bans them everywhere else here.
 */
/* eslint-disable no-restricted-properties */

export function workflowNow(): number {
  return Date.now();
}

export function workflowRandom(): number {
  return Math.random();
}
