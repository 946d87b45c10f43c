import { pathOf } from '../../language/problem';
import { looksLikeDuration } from './duration';
import type { ProcessNode } from './schema';

/** One JSONata expression of a node and the field that holds it, as a problem path (`assign/risk`, `until`). */
export interface NodeExpression {
  field: string;
  source: string;
}

/** Every expression of a node, mapping entries in name order; a duration field holding a literal ISO duration is not one. */
export function nodeExpressions(n: ProcessNode): NodeExpression[] {
  const found: NodeExpression[] = [];
  const one = (field: string, source: string | undefined) => {
    if (source !== undefined) found.push({ field, source });
  };
  const durationOrExpression = (field: string, text: string | undefined) => {
    if (text !== undefined && !looksLikeDuration(text)) one(field, text);
  };
  // By name: the database may hand a mapping back with its keys in another order, and the answers must not change with it.
  const mapping = (field: string, m: Record<string, string> | undefined) => {
    for (const name of Object.keys(m ?? {}).sort()) one(pathOf([field, name]), m![name]);
  };
  if ((n.type === 'task' || n.type === 'event' || n.type === 'timer') && n.ladder) {
    one('ladder/from', n.ladder.from);
    one('ladder/scale', n.ladder.scale);
    const facts = n.ladder.rules?.facts ?? {};
    for (const name of Object.keys(facts).sort()) one(pathOf(['ladder', 'rules', 'facts', name]), facts[name]);
    n.ladder.steps.forEach((step, i) =>
      step.actions.forEach((a, j) => {
        if (a.do !== 'startSubprocess') return;
        for (const name of Object.keys(a.input ?? {}).sort()) one(pathOf(['ladder', 'steps', i, 'actions', j, 'input', name]), a.input![name]);
      }),
    );
  }
  switch (n.type) {
    case 'activity':
    case 'subprocess':
      mapping('input', n.input);
      break;
    case 'decision':
      mapping('facts', n.facts);
      break;
    case 'assign':
      mapping('assign', n.assign);
      break;
    case 'timer':
      durationOrExpression('duration', n.duration);
      one('until', n.until);
      break;
    case 'event':
      durationOrExpression('timeout', n.timeout);
      break;
    case 'task':
      durationOrExpression('deadline', n.deadline);
      break;
    default:
      break;
  }
  return found;
}
