import { bilingualDescription, describedIn, savedDescription } from './description';

describe('descriptions in the editor', () => {
  it('reads a plain string on the side of the language it is written in', () => {
    expect(bilingualDescription('Classifies arrivals by origin')).toEqual({ en: 'Classifies arrivals by origin' });
    expect(bilingualDescription('按来源地对入境人员分类（9th plan）')).toEqual({ zh: '按来源地对入境人员分类（9th plan）' });
    expect(bilingualDescription('')).toBeUndefined();
    expect(bilingualDescription(undefined)).toBeUndefined();
    expect(bilingualDescription({ zh: '说明', en: 'About' })).toEqual({ zh: '说明', en: 'About' });
  });

  it('shows the UI language, else the other one', () => {
    const both = { zh: '集中隔离', en: 'Centralized quarantine' };
    expect(describedIn(both, 'zh')).toBe('集中隔离');
    expect(describedIn(both, 'en')).toBe('Centralized quarantine');
    expect(describedIn({ en: 'Centralized quarantine' }, 'zh')).toBe('Centralized quarantine');
    expect(describedIn('居家隔离', 'en')).toBe('居家隔离');
    expect(describedIn(undefined, 'zh')).toBeUndefined();
  });

  it('saves the sides filled in, and nothing when both are empty', () => {
    expect(savedDescription({ zh: '居家隔离', en: undefined })).toEqual({ zh: '居家隔离' });
    expect(savedDescription({ zh: '', en: 'Home quarantine' })).toEqual({ en: 'Home quarantine' });
    expect(savedDescription({ zh: undefined, en: undefined })).toBeUndefined();
    expect(savedDescription(undefined)).toBeUndefined();
  });

  it('turns a plain string into {zh, en} once its other language is written', () => {
    const edited = { ...bilingualDescription('Every import inspected'), zh: '逢进必检' };
    expect(savedDescription(edited)).toEqual({ zh: '逢进必检', en: 'Every import inspected' });
  });
});
