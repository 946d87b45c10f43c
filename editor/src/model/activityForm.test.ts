import { choiceLabel, describeType, expressionFormSchema, toInputMapping, typeHint } from './activityForm';
import { literalKind, showsAsLiteral } from './literalKind';

describe('activity input form', () => {
  const inputSchema = {
    type: 'object',
    properties: {
      phone: { type: 'string', title: 'Phone', description: 'mobile number' },
      channel: { enum: ['sms', 'call'] },
      attempts: { type: 'integer', minimum: 1 },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['phone', 'channel'],
  };

  it('turns every input into an expression text field, keeping titles and required', () => {
    const { schema } = expressionFormSchema(inputSchema);
    expect(schema.properties.phone).toEqual({ type: 'string', title: 'Phone', description: 'mobile number' });
    expect(schema.properties.attempts).toEqual({ type: 'string', title: 'attempts' });
    expect(schema.required).toEqual(['phone', 'channel']);
  });

  it('hints the declared type of each input', () => {
    const { hints } = expressionFormSchema(inputSchema);
    expect(hints).toEqual({ phone: 'string', channel: '"sms" | "call"', attempts: 'integer ≥ 1', tags: 'array<string>' });
    expect(describeType({ type: 'string', format: 'date-time' })).toBe('string (date-time)');
    expect(describeType({})).toBe('any');
  });

  it('maps only filled fields', () => {
    expect(toInputMapping({ phone: 'person.phone', channel: '', attempts: undefined })).toEqual({ phone: 'person.phone' });
    expect(toInputMapping({})).toBeUndefined();
  });
});

describe('activity input labels', () => {
  const prop = {
    type: 'string',
    enum: ['info', 'warn'],
    description: 'Severity',
    'x-label': { zh: '级别', en: 'Level' },
    'x-description': { zh: '日志的严重程度', en: 'How severe the line is' },
    'x-choices': { info: { zh: '信息', en: 'Info' } },
  };

  it('labels and describes an input in the UI language, falling back to the declared English text and the name', () => {
    const zh = expressionFormSchema({ type: 'object', properties: { level: prop, other: { type: 'string', description: 'Plain' } } }, 'zh');
    expect(zh.schema.properties.level).toEqual({ type: 'string', title: '级别', description: '日志的严重程度' });
    expect(zh.schema.properties.other).toEqual({ type: 'string', title: 'other', description: 'Plain' });
    expect(expressionFormSchema({ type: 'object', properties: { level: prop } }, 'en').schema.properties.level.title).toBe('Level');
    expect(choiceLabel(prop, 'info', 'zh')).toBe('信息');
    expect(choiceLabel(prop, 'warn', 'zh')).toBe('warn');
  });

  it('hints the expected type in words of the UI language, choices by their labels', () => {
    const words: Record<string, string> = { string: '文本', integer: '整数' };
    expect(typeHint(prop, 'zh', (w) => words[w])).toBe('信息 | warn');
    expect(typeHint({ type: 'integer', minimum: 1 }, 'zh', (w) => words[w])).toBe('整数 ≥ 1');
    expect(typeHint({ type: 'string', format: 'date' }, 'zh', (w) => words[w])).toBe('文本 (date)');
  });
});

describe('literal widgets', () => {
  it('gives each declared scalar type its widget, and none to objects and lists', () => {
    expect(literalKind({ type: 'string' })).toBe('text');
    expect(literalKind({ type: 'string', format: 'date' })).toBe('date');
    expect(literalKind({ type: 'string', format: 'duration' })).toBe('duration');
    expect(literalKind({ type: 'string', enum: ['a', 'b'] })).toBe('choice');
    expect(literalKind({ type: 'integer' })).toBe('integer');
    expect(literalKind({ type: ['number', 'null'] })).toBe('number');
    expect(literalKind({ anyOf: [{ type: 'boolean' }, { type: 'null' }] })).toBe('boolean');
    expect(literalKind({ type: 'object' })).toBeUndefined();
    expect(literalKind({ type: 'array', items: { type: 'string' } })).toBeUndefined();
  });

  it('shows a stored literal of the type in the widget, anything else as the expression it is', () => {
    expect(showsAsLiteral('text', undefined)).toBe(true);
    expect(showsAsLiteral('text', "'landing'")).toBe(true);
    expect(showsAsLiteral('text', 'arrival.personId')).toBe(false);
    expect(showsAsLiteral('text', '42')).toBe(false);
    expect(showsAsLiteral('integer', '42')).toBe(true);
    expect(showsAsLiteral('boolean', 'true')).toBe(true);
    expect(showsAsLiteral(undefined, "'x'")).toBe(false);
  });
});
