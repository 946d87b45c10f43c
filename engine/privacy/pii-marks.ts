import type { ProcessDefinition } from '../../workflows/definition/schema';
import { pathOf, type Problem } from '../../language';
import { isPiiClass, PII_CLASSES } from './pii-class';

/**
 * `x-pii` marks that name no class, in a definition's variables schema and task forms: a typo
 * there would leave personal data unmasked without a word, so publishing refuses it.
 */
export function piiMarkProblems(def: ProcessDefinition): Problem[] {
  const problems: Problem[] = [];
  const visit = (node: unknown, at: PropertyKey[], nodeId?: string): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'x-pii' && !isPiiClass(v)) {
        problems.push({ path: pathOf([...at, k]), code: 'unknown_pii_class', message: `x-pii must be one of ${PII_CLASSES.join(', ')}`, ...(nodeId ? { nodeId } : {}) });
      } else visit(v, [...at, k], nodeId);
    }
  };
  visit(def.variables, ['variables']);
  def.nodes.forEach((n, i) => {
    if (n.type === 'task') visit(n.form, ['nodes', i, 'form'], n.id);
  });
  return problems;
}
