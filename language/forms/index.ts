/** Task forms: their definition (the one zod schema), its checks, and what is derived from it. */
export * from './form-schema';
export { formProblems, validateForm } from './form-checks';
export { DATE_FORMAT, DATETIME_FORMAT, fieldKeys, formJsonSchema, isShown, PHONE_PATTERN, RESIDENT_ID_FORMAT, valueSchema } from './form-json-schema';
export { residentIdCheckDigit, residentIdFault, type ResidentIdFault } from './resident-id';
