import { activityDefinerFor } from '../engine/activities/define';
import type { EpidemicAdapters } from './adapters';

/** Declares an epidemic activity: its handler's `ctx.adapters` holds the domain's adapters beside the platform's. */
export const defineEpidemicActivity = activityDefinerFor<EpidemicAdapters>();
