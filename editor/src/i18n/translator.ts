/** A translator of the UI's own words in one language, apart from the app's instance: for tests of the wording functions. */
import { createInstance, type TFunction } from 'i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export async function translator(lng: string): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, fallbackLng: 'en', interpolation: { escapeValue: false }, showSupportNotice: false });
  return i18n.t;
}
