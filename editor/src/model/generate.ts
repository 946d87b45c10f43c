/**
 * A synthetic process of any size, for the speed benchmark and for trying the editor without
 * an engine. It holds no personal data: ids and labels are generated.
 */
import type { ProcessDefinition, ProcessEdge, ProcessNode } from '../../../workflows/definition/schema';

/** Rows of steps joined in a chain, with a gateway every few steps branching to the next row. */
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
    else if (i % 7 === 0) nodes.push({ id, type: 'timer', duration: 'PT1H', position });
    else if (i % 5 === 0) nodes.push({ id, type: 'assign', assign: { [`step${i}`]: `${i}` }, position });
    else nodes.push({ id, type: 'activity', activity: 'log', input: { message: `"step ${i}"` }, position });
    if (i > 0) edges.push({ id: `e${i}`, from: `n${i - 1}`, to: id });
  }
  return { key: 'generated', name: { zh: `生成的流程 ${count}`, en: `Generated process ${count}` }, nodes, edges };
}
