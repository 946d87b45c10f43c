/** Text shown to users, in both product languages. A zod schema (the workflow bundle does not import this file). */
import { z } from 'zod';

/** A {zh, en} pair whose sides are non-empty strings of at most `max` characters. */
const textPair = (max: number) => z.object({ zh: z.string().min(1).max(max), en: z.string().min(1).max(max) }).strict();

/** Text shown to users in both product languages. */
export const localizedText = textPair(200);
export type LocalizedText = z.infer<typeof localizedText>;

/** Longer text in both product languages: a paragraph that says what something is for. */
export const localizedLongText = textPair(4000);

/**
 * What a process, a step, a rule set or a fact is for: {zh, en} (one side may wait for its
 * translation) or, as definitions stored before descriptions were bilingual, one plain string.
 */
export const localizedDescription = z.union(
  [
    z.string().max(4000),
    localizedLongText.partial().refine((text) => text.zh !== undefined || text.en !== undefined, { message: 'give the text in zh, en or both' }),
  ],
  { error: 'a description is text or {zh, en} text' },
);
export type LocalizedDescription = z.infer<typeof localizedDescription>;
