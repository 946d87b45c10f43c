/**
 * Hash routes. Only resource keys and a sandbox size ever appear in the URL: never case data,
 * which is personal (IDs, travel, test results) and would end up in browser history and logs.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'list' }
  | { screen: 'process'; key: string }
  | { screen: 'heatmap'; key: string }
  | { screen: 'ruleset'; key: string }
  | { screen: 'forms'; key?: string }
  | { screen: 'sandbox'; size: number }
  | { screen: 'cases' }
  | { screen: 'case'; id: string }
  | { screen: 'audit' }
  | { screen: 'schedules' }
  | { screen: 'inbox' }
  | { screen: 'task'; id: string }
  | { screen: 'deadlines' }
  | { screen: 'duty' }
  | { screen: 'dispatch' }
  | { screen: 'riskAreas' };

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
  if (parts[0] === 'processes' && parts[1] && parts[2] === 'heatmap') return { screen: 'heatmap', key: parts[1] };
  if (parts[0] === 'processes' && parts[1]) return { screen: 'process', key: parts[1] };
  if (parts[0] === 'rulesets' && parts[1]) return { screen: 'ruleset', key: parts[1] };
  if (parts[0] === 'forms') return parts[1] ? { screen: 'forms', key: parts[1] } : { screen: 'forms' };
  if (parts[0] === 'cases' && parts[1]) return { screen: 'case', id: parts[1] };
  if (parts[0] === 'cases') return { screen: 'cases' };
  if (parts[0] === 'audit') return { screen: 'audit' };
  if (parts[0] === 'schedules') return { screen: 'schedules' };
  if (parts[0] === 'inbox') return { screen: 'inbox' };
  if (parts[0] === 'deadlines') return { screen: 'deadlines' };
  if (parts[0] === 'duty') return { screen: 'duty' };
  if (parts[0] === 'dispatch') return { screen: 'dispatch' };
  if (parts[0] === 'risk-areas') return { screen: 'riskAreas' };
  if (parts[0] === 'tasks' && parts[1]) return { screen: 'task', id: parts[1] };
  if (parts[0] === 'sandbox') {
    const size = Number(new URLSearchParams(query).get('nodes'));
    return { screen: 'sandbox', size: Number.isInteger(size) && size > 1 ? Math.min(size, SANDBOX_MAX) : SANDBOX_DEFAULT };
  }
  return { screen: 'list' };
}

export const processHref = (key: string) => `#/processes/${encodeURIComponent(key)}`;
export const heatmapHref = (key: string) => `#/processes/${encodeURIComponent(key)}/heatmap`;
/** A case's page: its id holds only the process key and a keyed hash, never the business key itself. */
export const caseHref = (id: string) => `#/cases/${encodeURIComponent(id)}`;
export const rulesetHref = (key: string) => `#/rulesets/${encodeURIComponent(key)}`;
export const formHref = (key: string) => `#/forms/${encodeURIComponent(key)}`;
export const taskHref = (id: string) => `#/tasks/${encodeURIComponent(id)}`;

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
