/**
 * A fresh cluster serves no namespace of ours and knows none of the engine's search
 * attributes (the dev server registers both from its command line). Registered here, once;
 * on later starts both already exist and this only checks. Returns when a case could start.
 */
import { Connection } from '@temporalio/client';
// The SDK's own name → protobuf enum mapping (not re-exported from the package root).
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import type { Logger } from '../../logger';
import { retryWithBackoff } from '../../net';
import { SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes';

/** How long Temporal keeps a closed case's history. */
const RETENTION = msToTs('30 days');
const ALREADY_EXISTS = 6;

function indexedType(word: string): number {
  const type = encodeSearchAttributeIndexedValueType(word.toUpperCase() as 'KEYWORD');
  if (type === undefined) throw new Error(`unknown search attribute type '${word}'`);
  return type;
}

/** Retries while the frontend does not serve what was just registered yet (its caches refresh every few seconds). */
const untilServed = <T>(what: string, check: () => Promise<T>) => retryWithBackoff(what, check, { attempts: 40, initialMs: 250, maxMs: 1000 });

/** Registers the namespace and the engine's search attributes where missing, and waits until the frontend serves them. */
export async function ensureNamespace(address: string, namespace: string, log: Logger): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 3000 });
  try {
    const { workflowService, operatorService } = connection;
    try {
      await workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: RETENTION });
      log.info({ namespace }, 'Temporal namespace registered');
    } catch (err) {
      if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
    }
    await untilServed(`namespace '${namespace}'`, () => workflowService.describeNamespace({ namespace }));
    const absent = async () => {
      const { customAttributes } = await operatorService.listSearchAttributes({ namespace });
      return Object.keys(SEARCH_ATTRIBUTES).filter((name) => !(name in (customAttributes ?? {})));
    };
    const missing = await absent();
    if (missing.length) {
      await operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((name) => [name, indexedType(SEARCH_ATTRIBUTES[name])])),
      });
      log.info({ namespace, searchAttributes: missing }, 'Temporal search attributes registered');
    }
    await untilServed('the search attributes', async () => {
      const notYet = await absent();
      if (notYet.length) throw new Error(`not served yet: ${notYet.join(', ')}`);
    });
  } finally {
    await connection.close();
  }
}
