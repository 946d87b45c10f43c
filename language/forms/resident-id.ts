/**
 * The Chinese resident ID number (居民身份证号, GB 11643-1999): 6 digits of the area, the birth
 * date as YYYYMMDD, 3 digits of sequence, and a check digit (0-9 or X) computed from the other
 * 17 by ISO 7064 MOD 11-2. Pure arithmetic: it runs in the browser, the server and the sandbox.
 */

/** The weight of each of the first 17 digits (2^(17-i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for each remainder of the weighted sum mod 11. */
const CHECK = '10X98765432';

export type ResidentIdFault = 'format' | 'birth_date' | 'check_digit';

/** The check character of the first 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function validBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1800 && days !== undefined && day >= 1 && day <= days;
}

/** What is wrong with `value` as a resident ID number (a lower-case x is refused: the standard writes X), or undefined when it is one. */
export function residentIdFault(value: string): ResidentIdFault | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!validBirthDate(value.slice(6, 14))) return 'birth_date';
  return residentIdCheckDigit(value) === value[17] ? undefined : 'check_digit';
}
