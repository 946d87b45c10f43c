/**
 * A synthetic process of any size, for the speed benchmark and for trying the editor without
 * an engine. It holds no personal data: ids and labels are generated.
 */
import type { ProcessDefinition, ProcessEdge, ProcessNode } from '../../../workflows/definition/schema';

/**
 * Rows of steps joined in a chain; every fifth step is a gateway whose condition skips three steps
 * ahead (its default carries on along the chain), so 1,000 steps have about 1,200 edges, the
 * shape of the benchmark the issue sets.
 */
export function generateDefinition(size: number): ProcessDefinition {
  const count = Math.max(2, Math.floor(size));
  const perRow = 15;
  const nodes: ProcessNode[] = [];
  const edges: ProcessEdge[] = [];
  const at = (i: number) => ({ x: (i % perRow) * 230, y: Math.floor(i / perRow) * 130 });
  for (let i = 0; i < count; i++) {
    const id = `n${i}`;
    const position = at(i);
    if (i === 0) nodes.push({ id, type: 'start', position });
    else if (i === count - 1) nodes.push({ id, type: 'end', position });
    else if (i % 5 === 0 && i + 3 < count) nodes.push({ id, type: 'gateway', position });
    else if (i % 7 === 0) nodes.push({ id, type: 'timer', duration: 'PT1H', position });
    else nodes.push({ id, type: 'activity', activity: 'log', input: { message: `"step ${i}"` }, position });
    if (i === 0) continue;
    const from = nodes[i - 1];
    edges.push(from.type === 'gateway' ? { id: `e${i}`, from: from.id, to: id, default: true } : { id: `e${i}`, from: from.id, to: id });
    if (from.type === 'gateway') edges.push({ id: `skip${i - 1}`, from: from.id, to: `n${i + 2}`, condition: { all: [{ fact: 'step', operator: 'equal', value: i - 1 }] } });
  }
  return { key: 'generated', name: { zh: `生成的流程 ${count}`, en: `Generated process ${count}` }, nodes, edges };
}
