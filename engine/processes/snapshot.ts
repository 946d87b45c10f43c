import type { ProcessSnapshot } from '../../workflows/activities';
import type { Services } from '../services';

/** What a case pins when it starts: a published version, its hash, its activities' declared options and the engine's case limits. */
export async function snapshotOf(services: Services, key: string, version?: number): Promise<ProcessSnapshot> {
  const row = await services.processes.version(key, version);
  const used = row.content.nodes.flatMap((n) => (n.type === 'activity' ? [n.activity] : []));
  return { definition: row.content, version: row.version, hash: row.hash, activityOptions: services.activities.optionsFor(used), limits: services.config.caseLimits };
}
