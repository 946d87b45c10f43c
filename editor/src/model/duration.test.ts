import { durationUnits, fromIsoDuration, toIsoDuration } from './duration';

describe('duration picker', () => {
  it('writes ISO-8601 durations', () => {
    expect(toIsoDuration({ amount: 7, unit: 'days' })).toBe('P7D');
    expect(toIsoDuration({ amount: 2, unit: 'weeks' })).toBe('P2W');
    expect(toIsoDuration({ amount: 8, unit: 'hours' })).toBe('PT8H');
    expect(toIsoDuration({ amount: 30, unit: 'minutes' })).toBe('PT30M');
  });

  it('reads back what it writes', () => {
    for (const unit of durationUnits) {
      expect(fromIsoDuration(toIsoDuration({ amount: 48, unit }))).toEqual({ amount: 48, unit });
    }
  });

  it('leaves compound durations and expressions to the expression field', () => {
    expect(fromIsoDuration('P1DT2H')).toBeNull();
    expect(fromIsoDuration('quarantineDays & "D"')).toBeNull();
    expect(fromIsoDuration('P1M')).toBeNull();
  });
});
