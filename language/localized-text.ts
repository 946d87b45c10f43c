/** Text shown to users, in both product languages. A zod schema (the workflow bundle does not import this file). */
import { z } from 'zod';

/** Text shown to users in both product languages. */
export const localizedText = z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict();
export type LocalizedText = z.infer<typeof localizedText>;
