/**
 * Hash routes. Only resource keys and a sandbox size ever appear in the URL: never case data,
 * which is personal (IDs, travel, test results) and would end up in browser history and logs.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'list' }
  | { screen: 'process'; key: string }
  | { screen: 'ruleset'; key: string }
  | { screen: 'sandbox'; size: number };

const SANDBOX_DEFAULT = 30;
const SANDBOX_MAX = 1000;

/** A hand-typed URL may hold a malformed escape; it then names nothing rather than crashing the app. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeSegment);
  if (parts[0] === 'processes' && parts[1]) return { screen: 'process', key: parts[1] };
  if (parts[0] === 'rulesets' && parts[1]) return { screen: 'ruleset', key: parts[1] };
  if (parts[0] === 'sandbox') {
    const size = Number(new URLSearchParams(query).get('nodes'));
    return { screen: 'sandbox', size: Number.isInteger(size) && size > 1 ? Math.min(size, SANDBOX_MAX) : SANDBOX_DEFAULT };
  }
  return { screen: 'list' };
}

export const processHref = (key: string) => `#/processes/${encodeURIComponent(key)}`;
export const rulesetHref = (key: string) => `#/rulesets/${encodeURIComponent(key)}`;

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
