import { describeType, expressionFormSchema, toInputMapping } from './activityForm';

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
