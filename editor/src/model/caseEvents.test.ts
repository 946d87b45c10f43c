import type { ProcessDefinition } from '../../../workflows/definition/schema';
import { eventChoices } from './caseEvents';

const lab = { type: 'object', properties: { result: { type: 'string' } } };
const def = {
  key: 'p',
  name: { zh: 'p', en: 'p' },
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'arrive', type: 'event', event: 'arrived' },
    { id: 'lab1', type: 'event', event: 'labResult', payload: lab },
    { id: 'lab2', type: 'event', event: 'labResult' },
    { id: 'end', type: 'end' },
  ],
  edges: [],
} as unknown as ProcessDefinition;

test('each declared event once, those the case waits for first, with its declared payload schema', () => {
  expect(eventChoices(def, ['lab2'])).toEqual([
    { name: 'labResult', waiting: true, schema: lab },
    { name: 'arrived', waiting: false },
  ]);
  expect(eventChoices(def, []).map((c) => c.name)).toEqual(['arrived', 'labResult']);
});
