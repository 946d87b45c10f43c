/**
 * First start: the built-in rule sets (and, once present, the process library)
 * are created and published, so a new user finds them ready. Existing ones are
 * never overwritten: administrators may have changed them.
 */
import { builtInRuleSets } from '../rules/library';
import { ConflictError } from './errors';
import type { Services } from './services';

const SEED_ACTOR = 'system';

export async function seedBuiltIns(services: Services): Promise<{ rulesets: string[] }> {
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
    await services.rulesets.publish(rs.key, rs, 'built-in rule set', SEED_ACTOR);
    created.push(rs.key);
  }
  if (created.length) services.log.info({ rulesets: created }, 'seeded built-in rule sets');
  return { rulesets: created };
}
