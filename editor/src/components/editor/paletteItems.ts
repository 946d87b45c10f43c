/** What the palette offers: node kinds in two fixed groups, then registered activities by category. */
import type { NodeType } from '../../../../workflows/definition/schema';
import type { ActivityInfo } from '../../api/catalog';
import type { NodeConfig } from '../../model/types';

/** What a palette item drops onto the canvas: a node kind, and for an activity its name. */
export interface PaletteDrop {
  type: NodeType;
  activity?: string;
}

export const DRAG_MIME = 'application/x-epi-flow-node';

export const kindGroups: { group: string; kinds: NodeType[] }[] = [
  { group: 'flow', kinds: ['start', 'end', 'gateway', 'parallel', 'join'] },
  { group: 'work', kinds: ['task', 'decision', 'timer', 'event', 'assign', 'subprocess'] },
];

/** The config a new node starts with: the schema's required fields, filled so the node is usable at once. */
export function initialData(drop: PaletteDrop): NodeConfig {
  switch (drop.type) {
    case 'activity':
      return { activity: drop.activity ?? '' };
    case 'decision':
      return { ruleset: '' } as NodeConfig<'decision'>;
    case 'timer':
      return { duration: 'P1D' };
    case 'event':
      return { event: 'event' };
    case 'task':
      return { title: { zh: '任务', en: 'Task' } };
    case 'subprocess':
      return { process: '' } as NodeConfig<'subprocess'>;
    case 'assign':
      return { assign: {} };
    case 'join':
      return { mode: 'all' };
    default:
      return {};
  }
}

export function groupActivities(activities: readonly ActivityInfo[]): Map<string, ActivityInfo[]> {
  const groups = new Map<string, ActivityInfo[]>();
  for (const a of [...activities].sort((x, y) => x.category.localeCompare(y.category) || x.name.localeCompare(y.name))) {
    groups.set(a.category, [...(groups.get(a.category) ?? []), a]);
  }
  return groups;
}
