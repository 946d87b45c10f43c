import { processDefinition, type ProcessDefinition } from '../../../workflows/definition/schema';
import { edgeFromFlow, nodeFromFlow, toDefinition, toFlow } from './convert';
import type { FlowNode } from './types';

const sample: ProcessDefinition = {
  key: 'arrival-screening',
  name: { zh: '来淮人员排查管控', en: 'Arrival screening' },
  variables: { type: 'object', properties: { origin: { type: 'string' } } },
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    {
      id: 'notify',
      type: 'activity',
      activity: 'log',
      input: { message: '"arrived from " & origin' },
      output: 'logged',
      retry: { maxAttempts: 3 },
      label: { zh: '记录', en: 'Record' },
      position: { x: 200, y: 0 },
    },
    { id: 'classify', type: 'decision', ruleset: 'arrival-classification', position: { x: 400, y: 0 } },
    { id: 'wait', type: 'timer', duration: 'P7D', position: { x: 600, y: 0 } },
    { id: 'done', type: 'end', outcome: 'released', position: { x: 800, y: 0 } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'notify' },
    { id: 'e2', from: 'notify', to: 'classify' },
    { id: 'e3', from: 'classify', to: 'wait', outcome: 'quarantine' },
    { id: 'e4', from: 'classify', to: 'done', default: true, label: { en: 'otherwise' } },
    { id: 'e5', from: 'wait', to: 'done', condition: { all: [{ fact: 'result', operator: 'equal', value: 'negative' }] } },
  ],
};

describe('toFlow / toDefinition', () => {
  it('round-trips a definition unchanged', () => {
    const { meta, nodes, edges } = toFlow(sample);
    expect(toDefinition(meta, nodes, edges)).toEqual(sample);
  });

  it('keeps node config in data, without id, type or position', () => {
    const notify = toFlow(sample).nodes[1];
    expect(notify).toMatchObject({ id: 'notify', type: 'activity', position: { x: 200, y: 0 }, initialWidth: 180 });
    expect(notify.data).toEqual({
      activity: 'log',
      input: { message: '"arrived from " & origin' },
      output: 'logged',
      retry: { maxAttempts: 3 },
      label: { zh: '记录', en: 'Record' },
    });
  });

  it('maps edges to source/target with config in data', () => {
    const [, , e3] = toFlow(sample).edges;
    expect(e3).toEqual({ id: 'e3', source: 'classify', target: 'wait', type: 'process', data: { outcome: 'quarantine' } });
    expect(edgeFromFlow(e3)).toEqual(sample.edges[2]);
  });

  it('assigns distinct grid positions to nodes saved without one and reports it', () => {
    const bare: ProcessDefinition = { ...sample, nodes: sample.nodes.map(({ position: _p, ...n }) => n) };
    const flow = toFlow(bare);
    expect(flow.positioned).toBe(false);
    const spots = new Set(flow.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(bare.nodes.length);
    expect(toFlow(sample).positioned).toBe(true);
  });

  it('rounds positions and drops keys a cleared field left undefined', () => {
    const node = {
      id: 'a',
      type: 'activity',
      position: { x: 10.4, y: 19.6 },
      data: { activity: 'log', output: undefined, timeout: undefined },
    } as FlowNode;
    expect(nodeFromFlow(node)).toEqual({ id: 'a', type: 'activity', activity: 'log', position: { x: 10, y: 20 } });
  });

  it('does not share mutable objects with the definition it came from', () => {
    const flow = toFlow(sample);
    flow.nodes[0].position.x = 999;
    expect(sample.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('produces output the schema accepts', () => {
    const { meta, nodes, edges } = toFlow(sample);
    expect(processDefinition.safeParse(toDefinition(meta, nodes, edges)).success).toBe(true);
  });
});
