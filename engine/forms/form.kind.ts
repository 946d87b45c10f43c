/**
 * Task forms as a kind of document, on the one lifecycle (drafts, immutable versions, diff,
 * audit): the form checks of language/forms decide; a draft may hold problems (the designer
 * saves half-built forms and previews them), a published version holds none.
 */
import { diffById, type ElementDiff } from '../../workflows/definition/diff';
import { validateForm, type FormDefinition } from '../../language/forms';
import type { DocumentKind } from '../documents/document-kind';

/** What changed between two versions of a form: fields by key, their order, and the form's own properties. */
export interface FormDiff {
  fields: ElementDiff;
  /** The fields both versions have are in another order. */
  reordered: boolean;
  /** Top-level properties other than the fields that differ (name, description). */
  properties: string[];
}

const byKey = (form: FormDefinition) => form.fields.map((f) => ({ ...f, id: f.key }));

export function diffForms(before: FormDefinition, after: FormDefinition): FormDiff {
  const kept = (a: FormDefinition, b: FormDefinition) => a.fields.map((f) => f.key).filter((k) => b.fields.some((g) => g.key === k));
  const props = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'fields');
  return {
    fields: diffById(byKey(before), byKey(after)),
    reordered: kept(before, after).join('\n') !== kept(after, before).join('\n'),
    properties: props.filter((k) => JSON.stringify(before[k as keyof FormDefinition]) !== JSON.stringify(after[k as keyof FormDefinition])).sort(),
  };
}

/**
 * Where a draft may be unfinished: a field's property (a label not yet written, a type mistyped),
 * an option's value or label, a table column's property or option, a condition's parts. Anything else wrong with the shape (no key, no
 * list of fields, a field that is not an object) is no form at all, and never stored.
 */
const HALF_BUILT = /^fields\/\d+\/(?:[A-Za-z]+|(?:columns\/\d+\/)?options\/\d+\/(?:value|label)|columns\/\d+\/[A-Za-z]+|showWhen\/(?:field|equals))(?:\/(?:zh|en))?$/;

export const formKind: DocumentKind<FormDefinition, FormDiff> = {
  id: 'form',
  label: 'form',
  invalidCode: 'invalid_form',
  keyPath: 'key',
  draftMayHoldProblems: true,
  schedulable: false,
  check(content) {
    const problems = validateForm(content);
    return { problems, structural: problems.some((p) => p.code === 'invalid_schema' && !HALF_BUILT.test(p.path)) };
  },
  keyOf: (form) => form.key,
  nameOf: (form) => form.name,
  diff: diffForms,
};
