/**
 * The small validator's messages (taskFormValidator.ts) are English: each kind of error is said in
 * the user's language instead (`formView.errors.<kind>`, with its limit). `own` names kinds whose
 * message is already worded (a resident ID's check digit), `pattern` the words for a text not in
 * its expected form.
 */
import type { RJSFValidationError } from '@rjsf/utils';
import type { TFunction } from 'i18next';

export function wordedErrors(t: TFunction, errors: RJSFValidationError[], options: { own?: readonly string[]; pattern?: string } = {}): RJSFValidationError[] {
  return errors.map((e) => {
    if (e.name && options.own?.includes(e.name)) return e;
    if (e.name === 'pattern' && options.pattern) return { ...e, message: options.pattern };
    return { ...e, message: String(t(`formView.errors.${e.name}`, { ...e.params, defaultValue: e.message })) };
  });
}
