/**
 * Descriptions of processes, steps, rule sets and facts as the editor reads and writes them:
 * {zh, en}, or one plain string in a definition stored before descriptions were bilingual.
 */
import type { LocalizedDescription } from '../../../language/localized-text';
import { pickText, type TextSide } from '../i18n/useLocalized';

/** CJK ideographs (the unified block, extension A and the compatibility block): text with them is Chinese. */
const CHINESE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export type BilingualText = { zh?: string; en?: string };

/** The description as {zh, en}; a plain string stands on the side of the language it is written in. */
export function bilingualDescription(description: LocalizedDescription | undefined): BilingualText | undefined {
  if (description === undefined || description === '') return undefined;
  if (typeof description === 'string') return CHINESE.test(description) ? { zh: description } : { en: description };
  return description;
}

/** The description in the UI language, else in the other one. */
export function describedIn(description: LocalizedDescription | undefined, side: TextSide): string | undefined {
  return pickText(bilingualDescription(description), side);
}

/** What is saved from the two fields: the sides filled in, or nothing. */
export function savedDescription(text: BilingualText | undefined): BilingualText | undefined {
  if (!text) return undefined;
  const saved: BilingualText = {};
  if (text.zh) saved.zh = text.zh;
  if (text.en) saved.en = text.en;
  return saved.zh === undefined && saved.en === undefined ? undefined : saved;
}
