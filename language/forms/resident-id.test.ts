import { residentIdCheckDigit, residentIdFault } from './resident-id';

describe('resident ID number (GB 11643-1999)', () => {
  it('accepts numbers whose check digit matches, including an X check digit', () => {
    // The standard's own example, and numbers whose weighted sums leave each remainder's character.
    expect(residentIdFault('11010519491231002X')).toBeUndefined();
    expect(residentIdFault('440524188001010014')).toBeUndefined();
    expect(residentIdFault('110101199003074477')).toBeUndefined();
  });

  it('computes the check character from the first 17 digits, X for remainder 2', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
  });

  it('refuses a wrong check digit, whichever digit was mistyped', () => {
    expect(residentIdFault('110105194912310021')).toBe('check_digit');
    expect(residentIdFault('440524188001010015')).toBe('check_digit');
    // One digit of the body changed: the check digit no longer matches.
    expect(residentIdFault('110101199003074478')).toBe('check_digit');
    expect(residentIdFault('110101199103074477')).toBe('check_digit');
  });

  it('refuses a malformed number or an impossible birth date', () => {
    expect(residentIdFault('11010519491231002x')).toBe('format');
    expect(residentIdFault('1101051949123100')).toBe('format');
    expect(residentIdFault('11010519491231002XX')).toBe('format');
    expect(residentIdFault('')).toBe('format');
    expect(residentIdFault(`11010519490230${'002'}${residentIdCheckDigit('11010519490230002')}`)).toBe('birth_date');
    expect(residentIdFault(`11010519491331${'002'}${residentIdCheckDigit('11010519491331002')}`)).toBe('birth_date');
  });

  it('knows leap years: 29 February only in them', () => {
    const id = (date: string) => `110105${date}002${residentIdCheckDigit(`110105${date}002`)}`;
    expect(residentIdFault(id('20000229'))).toBeUndefined();
    expect(residentIdFault(id('19000229'))).toBe('birth_date');
    expect(residentIdFault(id('20240229'))).toBeUndefined();
    expect(residentIdFault(id('20230229'))).toBe('birth_date');
  });
});
