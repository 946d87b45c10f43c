/** Task forms: their definition (the one zod schema), its checks, and what is derived from it. */
export * from './form-schema';
export { formProblems, validateForm } from './form-checks';
export { DATE_FORMAT, DATETIME_FORMAT, FILE_REFERENCE_FORMAT, fieldKeys, formJsonSchema, isShown, PHONE_PATTERN, RESIDENT_ID_FORMAT, rowSchema, valueSchema } from './form-json-schema';
export { FILE_REFERENCE_MAX, fileReferenceFault, type FileReferenceFault } from './file-reference';
export { residentIdCheckDigit, residentIdFault, type ResidentIdFault } from './resident-id';
