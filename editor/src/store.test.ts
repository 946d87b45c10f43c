import type { ProcessDefinition } from '../../workflows/definition/schema';
import { toFlow } from './model/convert';
import { useEditor } from './store';

const definition: ProcessDefinition = {
  key: 'cold-chain',
  name: { zh: '进口冷链食品', en: 'Imported cold-chain food' },
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    { id: 'sample', type: 'activity', activity: 'log', input: { message: '"sampled"' }, position: { x: 200, y: 0 } },
    { id: 'end', type: 'end', position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'sample' },
    { id: 'e2', from: 'sample', to: 'end' },
  ],
};

const state = () => useEditor.getState();
const nodeIds = () => state().nodes.map((n) => n.id);

beforeEach(() => {
  jest.useFakeTimers({ now: 0 });
  state().load(toFlow(definition));
});

afterEach(() => jest.useRealTimers());

describe('editor store', () => {
  it('loads a graph clean, with no history', () => {
    expect(nodeIds()).toEqual(['start', 'sample', 'end']);
    expect(state().dirty).toBe(false);
    expect(state().past).toHaveLength(0);
  });

  it('undoes and redoes an added node', () => {
    const id = state().addNode('timer', { x: 10, y: 10 }, { duration: 'P7D' });
    expect(id).toBe('timer');
    expect(nodeIds()).toContain('timer');
    state().undo();
    expect(nodeIds()).not.toContain('timer');
    state().redo();
    expect(nodeIds()).toContain('timer');
  });

  it('undoes a run of keystrokes in one field as one step, but separate fields separately', () => {
    for (const text of ['"s', '"sa', '"sam"']) {
      state().updateNodeData('sample', { input: { message: text } });
      jest.advanceTimersByTime(100);
    }
    state().updateNodeData('sample', { output: 'r' });
    expect(state().past).toHaveLength(2);
    state().undo();
    expect(state().nodes[1].data).toMatchObject({ input: { message: '"sam"' } });
    state().undo();
    expect(state().nodes[1].data).toEqual({ activity: 'log', input: { message: '"sampled"' } });
  });

  it('starts a new undo step when the same field is edited again after a pause', () => {
    state().setMeta({ description: 'a' });
    jest.advanceTimersByTime(2000);
    state().setMeta({ description: 'ab' });
    expect(state().past).toHaveLength(2);
  });

  it('connects nodes with fresh edge ids and undoes deletions', () => {
    state().onConnect({ source: 'start', target: 'end', sourceHandle: null, targetHandle: null });
    expect(state().edges.map((e) => e.id)).toContain('start-end');
    state().onNodesChange([{ type: 'remove', id: 'sample' }]);
    state().onEdgesChange([
      { type: 'remove', id: 'e1' },
      { type: 'remove', id: 'e2' },
    ]);
    expect(nodeIds()).toEqual(['start', 'end']);
    state().undo();
    expect(nodeIds()).toEqual(['start', 'sample', 'end']);
    expect(state().edges.map((e) => e.id)).toEqual(['e1', 'e2', 'start-end']);
  });

  it('does not count selection or measurement as an edit', () => {
    const { revision } = state();
    state().onNodesChange([{ type: 'select', id: 'sample', selected: true }]);
    state().onNodesChange([{ type: 'dimensions', id: 'sample', dimensions: { width: 180, height: 60 } }]);
    expect(state().dirty).toBe(false);
    expect(state().past).toHaveLength(0);
    expect(state().revision).toBe(revision);
  });

  it('counts a move as an unsaved edit that cannot change validity', () => {
    const { revision } = state();
    state().onNodesChange([{ type: 'position', id: 'sample', position: { x: 250, y: 40 }, dragging: true }]);
    expect(state().dirty).toBe(true);
    expect(state().revision).toBe(revision);
    state().updateNodeData('sample', { output: 'r' });
    expect(state().revision).toBe(revision + 1);
  });

  it('copies and pastes the selection with fresh ids, selecting the pasted nodes', () => {
    state().selectOnly({ nodeId: 'sample' });
    state().copy();
    state().paste();
    expect(nodeIds()).toEqual(['start', 'sample', 'end', 'sample_2']);
    expect(state().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['sample_2']);
    state().undo();
    expect(nodeIds()).toEqual(['start', 'sample', 'end']);
  });

  it('keeps the draft untouched while an overlay is shown', () => {
    const { nodes, edges } = toFlow(definition);
    state().setOverlay({ kind: 'version', label: 'v1', nodes, edges, marks: { nodes: {}, edges: {} } });
    state().onNodesChange([{ type: 'remove', id: 'sample' }]);
    state().onConnect({ source: 'start', target: 'end', sourceHandle: null, targetHandle: null });
    expect(nodeIds()).toEqual(['start', 'sample', 'end']);
    expect(state().edges).toHaveLength(2);
    expect(state().dirty).toBe(false);
  });
});
