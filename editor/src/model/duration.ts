/** The timer's duration picker: a number and a unit, stored as an ISO-8601 duration. */

export const durationUnits = ['minutes', 'hours', 'days', 'weeks'] as const;
export type DurationUnit = (typeof durationUnits)[number];

export interface PickedDuration {
  amount: number;
  unit: DurationUnit;
}

const designators: Record<DurationUnit, { time: boolean; letter: string }> = {
  minutes: { time: true, letter: 'M' },
  hours: { time: true, letter: 'H' },
  days: { time: false, letter: 'D' },
  weeks: { time: false, letter: 'W' },
};

export function toIsoDuration({ amount, unit }: PickedDuration): string {
  const { time, letter } = designators[unit];
  return `P${time ? 'T' : ''}${amount}${letter}`;
}

/**
 * Reads back a duration with a single component (what the picker writes).
 * Anything else (P1DT2H, an expression) returns null: the panel then shows it as an expression.
 */
export function fromIsoDuration(value: string): PickedDuration | null {
  const match = /^P(?:(\d+)([DW])|T(\d+)([HM]))$/.exec(value.trim());
  if (!match) return null;
  const [, dateAmount, dateLetter, timeAmount, timeLetter] = match;
  if (dateAmount !== undefined) return { amount: Number(dateAmount), unit: dateLetter === 'D' ? 'days' : 'weeks' };
  return { amount: Number(timeAmount), unit: timeLetter === 'H' ? 'hours' : 'minutes' };
}
