/** The migration dry run's checks, case by case, without a server (the API test runs it on real cases). */
import type { ProcessDefinition, ProcessNode } from '../../workflows/definition/schema';
import { previewMigration, type MigrationPreviewInput } from './migration-preview';

const def = (nodes: ProcessNode[], variables?: Record<string, unknown>): ProcessDefinition => ({
  key: 'p',
  name: { zh: 'p', en: 'p' },
  nodes: [{ id: 'start', type: 'start' }, ...nodes, { id: 'end', type: 'end' }],
  edges: [],
  ...(variables ? { variables } : {}),
});

const v1 = def([{ id: 'wait', type: 'event', event: 'go' }, { id: 'other', type: 'event', event: 'go' }]);
const state = (patch: Partial<MigrationPreviewInput['state']> = {}): MigrationPreviewInput['state'] => ({
  status: 'running', processKey: 'p', version: 1, activeNodes: ['wait'], migratableAt: 'wait', variables: { held: 1 }, ...patch,
});
const code = (input: Partial<MigrationPreviewInput>) => previewMigration({ state: state(), from: v1, toVersion: 2, to: v1, ...input }).refusal?.code;

test('a safe move names the node it lands in and the declared variables the case lacks, by name', () => {
  const to = def([{ id: 'wait', type: 'event', event: 'go' }], { type: 'object', properties: { zeta: {}, held: {}, alpha: {} }, required: ['zeta'] });
  expect(previewMigration({ state: state(), from: v1, toVersion: 2, to })).toEqual({
    processKey: 'p', fromVersion: 1, toVersion: 2, safe: true,
    moves: [{ fromNode: 'wait', fromType: 'event', toNode: 'wait', toType: 'event', mapped: false }],
    missingVariables: [{ name: 'alpha', required: false }, { name: 'zeta', required: true }],
  });
});

test('each refusal has its code, checked in order: not running, same version, not published, unknown mapping, not one wait, the node', () => {
  expect(code({ state: state({ status: 'completed' }) })).toBe('not_running');
  expect(code({ toVersion: 1 })).toBe('same_version');
  expect(code({ to: null })).toBe('version_not_published');
  expect(code({ nodeMapping: { nowhere: 'wait' } })).toBe('unknown_mapped_node');
  expect(code({ state: state({ activeNodes: ['wait', 'other'] }) })).toBe('not_single_wait');
  expect(code({ state: state({ activeNodes: [] }) })).toBe('not_single_wait');
  // A task with a deadline: one active node, but its escalation runs beside it, so the workflow says it may not move.
  expect(code({ state: state({ migratableAt: undefined }) })).toBe('not_single_wait');
  expect(code({ state: state({ activeNodes: ['start'], migratableAt: 'start' }) })).toBe('not_waiting');
  expect(code({ to: def([{ id: 'later', type: 'event', event: 'go' }]) })).toBe('no_counterpart');
  expect(code({ to: def([{ id: 'wait', type: 'timer', duration: 'PT1H' }]) })).toBe('type_mismatch');
  expect(code({ nodeMapping: { wait: 'other' } })).toBeUndefined();
});
