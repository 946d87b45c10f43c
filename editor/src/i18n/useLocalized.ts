/** Picks the UI language's side of a {zh, en} text, falling back to the other side. */
import { useTranslation } from 'react-i18next';

export type TextSide = 'zh' | 'en';

export function sideOf(language: string): TextSide {
  return language.startsWith('zh') ? 'zh' : 'en';
}

export function pickText(text: { zh?: string; en?: string } | undefined, side: TextSide): string | undefined {
  if (!text) return undefined;
  return (side === 'zh' ? text.zh || text.en : text.en || text.zh) || undefined;
}

export function useTextSide(): TextSide {
  const { i18n } = useTranslation();
  return sideOf(i18n.language);
}

export function useLocalized(text: { zh?: string; en?: string } | undefined): string | undefined {
  return pickText(text, useTextSide());
}
