/**
 * What the node panels choose from: registered activities (palette and forms), rule sets
 * (decision nodes) and processes (subprocess nodes). Loaded once; a failure leaves the lists
 * empty and is reported, so the editor still opens against a partly started engine.
 */
import { create } from 'zustand';
import { fetchActivities, type ActivityInfo } from './api/catalog';
import { listProcesses } from './api/processes';
import { listRuleSets } from './api/rulesets';
import { errorText } from './i18n/errorText';

interface CatalogState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  activities: ActivityInfo[];
  activityByName: Record<string, ActivityInfo>;
  rulesetKeys: string[];
  processKeys: string[];
  /** Loads the parts the user may read (a part not asked for stays empty); once, until a reload. */
  load(parts: { activities: boolean; rulesets: boolean; processes: boolean }): Promise<void>;
}

export const useCatalog = create<CatalogState>()((set, get) => ({
  status: 'idle',
  error: null,
  activities: [],
  activityByName: {},
  rulesetKeys: [],
  processKeys: [],
  load: async (parts) => {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading' });
    const [activities, rulesets, processes] = await Promise.allSettled([
      parts.activities ? fetchActivities() : [],
      parts.rulesets ? listRuleSets() : [],
      parts.processes ? listProcesses() : [],
    ]);
    const list = activities.status === 'fulfilled' ? activities.value : [];
    set({
      status: activities.status === 'fulfilled' ? 'ready' : 'error',
      error: activities.status === 'rejected' ? errorText(activities.reason) : null,
      activities: list,
      activityByName: Object.fromEntries(list.map((a) => [a.name, a])),
      rulesetKeys: rulesets.status === 'fulfilled' ? rulesets.value.map((r) => r.key) : [],
      processKeys: processes.status === 'fulfilled' ? processes.value.map((p) => p.key) : [],
    });
  },
}));
