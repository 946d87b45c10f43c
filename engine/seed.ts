/**
 * Start-up: the domain's built-in rule sets and processes are published, so a new user finds
 * them ready, then the domain seeds rows of its own. A built-in that exists is upgraded only
 * while nobody but this seed ever wrote it: its versions are all the seed's and there is no
 * draft; then a built-in whose content changed in a release becomes its next version (running
 * cases keep the process version they started on; rule sets are hot, as any publish). A
 * built-in an administrator changed is never overwritten, and the log says the release
 * brought a change it left out. Built-ins go through the same document service as the API's
 * writes, so each passes the storage check and its kind's check; one that fails is logged and
 * left out, and the others are seeded.
 */
import { contentHash } from './documents/canonical-hash';
import type { DocumentService } from './documents/document.service';
import type { BuiltIns, DomainModule } from './domain-module';
import { ConflictError, PreconditionFailedError, ValidationError } from './errors';
import type { Services } from './services';

const SEED_ACTOR = 'system';

export interface Seeded {
  rulesets: string[];
  processes: string[];
  /** Built-ins published as a new version because this release changed them. */
  upgraded: { rulesets: string[]; processes: string[] };
}

/** Publishes the built-ins that do not exist yet and upgrades those only the seed wrote; answers the keys. */
export async function seedBuiltIns(services: Services, builtIns: BuiltIns): Promise<Seeded> {
  const rulesets = await seedAll(services, services.documents.rulesets, builtIns.rulesets, 'built-in rule set');
  if (rulesets.created.length) services.log.info({ rulesets: rulesets.created }, 'seeded built-in rule sets');
  const processes = await seedAll(services, services.documents.processes, builtIns.processes, 'library process');
  if (processes.created.length) services.log.info({ processes: processes.created }, 'seeded the process library');
  const upgraded = { rulesets: rulesets.upgraded, processes: processes.upgraded };
  if (upgraded.rulesets.length || upgraded.processes.length) services.log.info(upgraded, 'published changed built-ins as new versions');
  return { rulesets: rulesets.created, processes: processes.created, upgraded };
}

/** The domain's built-ins, then its own seed. */
export async function seedDomain(services: Services, domain: Pick<DomainModule, 'builtIns' | 'seed'>): Promise<void> {
  await seedBuiltIns(services, domain.builtIns);
  await domain.seed(services.db, services.log);
}

/** Seeds each content of one kind; answers the keys created and upgraded. */
async function seedAll<T, D>(services: Services, documents: DocumentService<T, D>, contents: readonly unknown[], comment: string) {
  const created: string[] = [];
  const upgraded: string[] = [];
  for (const content of contents) {
    const key = (content as { key?: unknown }).key;
    try {
      if (await documents.seed(content, comment, SEED_ACTOR)) created.push(String(key));
      else if (await upgrade(services, documents, String(key), content, comment)) upgraded.push(String(key));
    } catch (err) {
      // A published version is always valid: e.g. a library process naming an activity this build lacks stays out.
      if (!(err instanceof ValidationError)) throw err;
      services.log.error({ kind: documents.kind.id, key, problems: err.problems }, `${comment} is invalid; not seeded`);
    }
  }
  return { created, upgraded };
}

/**
 * Publishes `content` as the next version of built-in `key` when it differs from the latest and
 * only the seed ever wrote the document. Answers whether it did.
 */
async function upgrade<T, D>(services: Services, documents: DocumentService<T, D>, key: string, content: unknown, comment: string): Promise<boolean> {
  const doc = await documents.get(key);
  if (doc.published?.hash === contentHash(content)) return false;
  if (doc.draft !== null || doc.versions.some((v) => v.author !== SEED_ACTOR)) {
    services.log.warn({ kind: documents.kind.id, key }, `${comment} changed in this release, but people changed it here: left as they made it`);
    return false;
  }
  try {
    const saved = await documents.saveDraft(key, content, SEED_ACTOR, doc.draftRevision);
    await documents.publish(key, { comment: `${comment}, changed in this release` }, SEED_ACTOR, saved.draftRevision);
    return true;
  } catch (err) {
    // Another API process starting at the same moment upgraded it first.
    if (err instanceof PreconditionFailedError || err instanceof ConflictError) return false;
    throw err;
  }
}
