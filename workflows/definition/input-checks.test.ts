import { logActivity } from '../../engine/activities/builtin/log';
import { ActivityRegistry, type RegisteredActivity } from '../../engine/activities/registry';
import { validBase } from '../../test/support/invalid-definitions';
import { variablesRead } from './input-checks';
import { literalOf, literalSource } from './input-types';
import type { ProcessDefinition } from './schema';
import { validateDefinition } from './validate';

/** The log activity's real declared schema, as the API gives it to the validator. */
const ctx = { activities: ['log'], activityInputs: new ActivityRegistry([logActivity as RegisteredActivity]).inputSchemas() };

/** The valid base with declared variables, its log step's input replaced. */
function withLogInput(input: Record<string, string> | undefined): ProcessDefinition {
  const d = validBase();
  d.variables = { type: 'object', properties: { person: { type: 'object' }, risk: { type: 'string' } } };
  const note = d.nodes.find((n) => n.id === 'note')!;
  if (note.type === 'activity') note.input = input;
  return d;
}

const codes = (d: ProcessDefinition) => validateDefinition(d, ctx).map((p) => p.code);

test('the base, whose step writes a text literal, has no problems', () => {
  expect(validateDefinition(withLogInput({ message: "'arrived'" }), ctx)).toEqual([]);
});

test('a required input left empty is missing_input, naming the step and the field', () => {
  const inputs: (Record<string, string> | undefined)[] = [undefined, {}, { level: "'warn'" }, { message: ' ' }];
  for (const input of inputs) {
    expect(validateDefinition(withLogInput(input), ctx)).toContainEqual(
      expect.objectContaining({ code: 'missing_input', nodeId: 'note', path: 'nodes/1/input/message', params: { field: 'message' } }),
    );
  }
});

test('an input with a default (log level) may be left empty', () => {
  expect(codes(withLogInput({ message: "'arrived'" }))).not.toContain('missing_input');
});

test('plain text typed into an expression field reads an unknown variable', () => {
  const problems = validateDefinition(withLogInput({ message: '请居家隔离观察' }), ctx);
  expect(problems).toEqual([
    expect.objectContaining({ code: 'unknown_variable', nodeId: 'note', path: 'nodes/1/input/message', params: { field: 'message', name: '请居家隔离观察' } }),
  ]);
});

test('an expression may read declared variables, outputs of earlier steps and lastError, not later outputs', () => {
  const d = withLogInput({ message: "person.name & ' ' & risk & ' ' & $string(lastError.message)" });
  expect(codes(d)).toEqual([]);
  const early = withLogInput({ message: 'result.value' });
  // `wait` writes `result`, but only after the log step.
  (early.nodes.find((n) => n.id === 'wait') as Record<string, unknown>).output = 'result';
  expect(validateDefinition(early, ctx)).toContainEqual(expect.objectContaining({ code: 'unknown_variable', params: { field: 'message', name: 'result' } }));
  const upstream = withLogInput({ message: 'greeting' });
  upstream.nodes.push({ id: 'set', type: 'assign', assign: { greeting: "'hello'" } });
  upstream.edges = upstream.edges.map((e) => (e.id === 'e1' ? { ...e, to: 'set' } : e));
  upstream.edges.push({ id: 'e7', from: 'set', to: 'note' });
  expect(codes(upstream)).toEqual([]);
});

test('names inside filters, after the first step and in functions are not case variables', () => {
  expect(variablesRead("person.contacts[age > 60].name & $join($map(risk, function($v) { $v.code }), ',')")).toEqual(['person', 'risk']);
  expect(variablesRead("{'a': person.id, 'b': $exists(other) ? other : 'x'}")).toEqual(['person', 'other']);
  expect(variablesRead("'text'")).toEqual([]);
});

test('without a variables schema, expressions are not checked for names (the case input is open)', () => {
  const d = withLogInput({ message: 'anything' });
  delete d.variables;
  expect(codes(d)).toEqual([]);
});

test('a literal of the wrong type or outside the choices is input_type', () => {
  expect(validateDefinition(withLogInput({ message: '42' }), ctx)).toContainEqual(
    expect.objectContaining({ code: 'input_type', path: 'nodes/1/input/message', params: { field: 'message', expected: 'string' } }),
  );
  expect(validateDefinition(withLogInput({ message: "'x'", level: "'loud'" }), ctx)).toContainEqual(
    expect.objectContaining({ code: 'input_type', params: { field: 'level', expected: '"info" | "warn" | "error"' } }),
  );
  expect(codes(withLogInput({ message: "''" }))).toEqual(['input_type']);
  expect(codes(withLogInput({ message: "'x'", level: "'error'" }))).toEqual([]);
});

test('without the input schemas (the workflow re-checking its input) none of this is checked', () => {
  expect(validateDefinition(withLogInput({ message: '请居家隔离观察' }), { activities: ['log'] })).toEqual([]);
  expect(validateDefinition(withLogInput(undefined), { activities: ['log'] })).toEqual([]);
});

test('a literal is stored as its JSONata source and read back, so old definitions read the same', () => {
  for (const value of ['landing', "it's \\ \n \" fine", '', 3, -1.5, true, false, null]) {
    expect(literalOf(literalSource(value))).toEqual({ value });
  }
  expect(literalOf("'landing'")).toEqual({ value: 'landing' });
  expect(literalOf('arrival.personId')).toBeUndefined();
  expect(literalOf("'a' & 'b'")).toBeUndefined();
  expect(literalOf("'unclosed")).toBeUndefined();
});
