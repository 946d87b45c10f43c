import { localizedDescription } from './localized-text';

/** The problems a description would raise, as "path: message" (the path below the description). */
const refused = (value: unknown) => localizedDescription.safeParse(value).error?.issues.map((i) => `${i.path.join('/')}: ${i.message}`);

describe('localizedDescription', () => {
  it.each([
    ['both languages', { zh: '入境人员分类管控', en: 'Classifies arrivals' }],
    ['one language while the other waits for its translation', { zh: '入境人员分类管控' }],
    ['a plain string, as definitions stored before descriptions were bilingual', 'Classifies arrivals'],
    ['an empty plain string (an old definition may hold one)', ''],
  ])('accepts %s', (_what, value) => {
    expect(localizedDescription.parse(value)).toEqual(value);
  });

  it.each([
    ['an empty side', { zh: '' }, ['zh: Too small: expected string to have >=1 characters']],
    ['a number', 42, [': a description is text or {zh, en} text']],
    ['a list', ['入境'], [': a description is text or {zh, en} text']],
    ['an object with neither language', {}, [': give the text in zh, en or both']],
    ['a third language', { zh: '说明', en: 'About', fr: 'À propos' }, [': Unrecognized key: "fr"']],
    // A side of the wrong type fails both forms: the problem is the description's as a whole.
    ['a side that is not text', { zh: '说明', en: 7 }, [': a description is text or {zh, en} text']],
  ])('refuses %s', (_what, value, problems) => {
    expect(refused(value)).toEqual(problems);
  });

  it('refuses a side longer than 4,000 characters, and a plain string as long', () => {
    expect(refused({ zh: '长'.repeat(4001), en: 'long' })).toEqual(['zh: Too big: expected string to have <=4000 characters']);
    expect(refused('x'.repeat(4001))).toEqual([': Too big: expected string to have <=4000 characters']);
    expect(refused({ zh: '长'.repeat(4000), en: 'x'.repeat(4000) })).toBeUndefined();
  });
});
