/**
 * Why a case failed, in the UI language: a broken limit (workflows/limits.ts) is worded from its
 * code (`caseFailure.<code>`); any other failure is an activity's or the engine's own message,
 * shown as it is and, where the UI language is not English, said to be the engine's original text.
 * The step it failed at is named by the caller.
 */
import type { TFunction } from 'i18next';
import { limitErrorCodes } from '../../../workflows/limits';

export interface CaseFailure {
  message: string;
  code?: string;
}

const worded = new Set<string>(limitErrorCodes);

export const caseFailureText = (error: CaseFailure, t: TFunction): string =>
  error.code && worded.has(error.code) ? t(`caseFailure.${error.code}`) : t('caseFailure.original', { message: error.message });
