/**
 * First start: the built-in rule sets and the process library are created and
 * published, so a new user finds them ready. Existing ones are never overwritten:
 * administrators may have changed them.
 */
import { builtInRuleSets } from '../rules/library';
import { validateDefinition } from '../workflows/definition/validate';
import { processLibrary } from '../workflows/library';
import { ConflictError } from './errors';
import { seedSampleSites } from './quarantine/sample-sites';
import type { Services } from './services';

const SEED_ACTOR = 'system';

export async function seedBuiltIns(services: Services): Promise<{ rulesets: string[]; processes: string[]; sites: string[] }> {
  const created: string[] = [];
  for (const rs of builtInRuleSets) {
    if (await services.rulesets.find(rs.key)) continue;
    try {
      await services.rulesets.create(rs.key, rs.name, rs, SEED_ACTOR);
    } catch (err) {
      // Another API process seeding at the same moment got there first.
      if (err instanceof ConflictError) continue;
      throw err;
    }
    await services.rulesets.publishDraft(rs.key, 'built-in rule set', SEED_ACTOR, () => rs);
    created.push(rs.key);
  }
  if (created.length) services.log.info({ rulesets: created }, 'seeded built-in rule sets');
  const processes = await seedProcessLibrary(services);
  const sites = await seedSampleSites(services.db);
  if (sites.length) services.log.info({ sites }, 'seeded sample quarantine sites');
  return { rulesets: created, processes, sites };
}

async function seedProcessLibrary(services: Services): Promise<string[]> {
  const created: string[] = [];
  for (const def of processLibrary) {
    if (await services.processes.find(def.key)) continue;
    // A published version is always valid: a library process naming an activity this build lacks stays out.
    const problems = validateDefinition(def, { activities: services.activities.names() });
    if (problems.length) {
      services.log.error({ process: def.key, problems }, 'library process is invalid; not seeded');
      continue;
    }
    try {
      await services.processes.create(def.key, def.name, def, SEED_ACTOR);
    } catch (err) {
      if (err instanceof ConflictError) continue;
      throw err;
    }
    await services.processes.publishDraft(def.key, 'library process', SEED_ACTOR, () => def);
    created.push(def.key);
  }
  if (created.length) services.log.info({ processes: created }, 'seeded the process library');
  return created;
}
