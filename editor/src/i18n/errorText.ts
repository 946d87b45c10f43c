/**
 * An error worded in the UI language at the moment it happened, for state that keeps text (a
 * list's or a page's load error) rather than the error itself.
 */
import { apiErrorText } from './apiErrorText';
import i18n from './index';

export const errorText = (err: unknown): string => apiErrorText(err, i18n.t);
