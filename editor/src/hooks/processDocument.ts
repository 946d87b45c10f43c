/**
 * What processes bring to the document hook: their content lives in the editor store as a
 * graph, laid out with ELK when it was saved without positions, and the server's problems are
 * shown on that graph.
 */
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import { processApi } from '../api/processes';
import { placed } from '../layout/elk';
import { toDefinition, toFlow } from '../model/convert';
import { useEditor } from '../store';
import type { DocumentAdapter } from './document-session';

/** The process as drawn now. */
export function currentDefinition(): ProcessDefinition {
  const s = useEditor.getState();
  return toDefinition(s.meta, s.nodes, s.edges);
}

export const processAdapter: DocumentAdapter<ProcessDefinition> = {
  api: processApi,
  async load(definition) {
    const { meta, nodes, edges, positioned } = toFlow(definition);
    useEditor.getState().load({ meta, nodes: await placed(nodes, edges, positioned, meta.layout?.direction), edges });
  },
  current: currentDefinition,
  markSaved: () => useEditor.getState().markSaved(),
  empty: (key, name) => ({ key, name, nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 } }], edges: [] }),
  showProblems: (problems) => useEditor.getState().setProblems(problems),
};
