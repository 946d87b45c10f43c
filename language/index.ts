/**
 * The language processes and rule sets are both written in: names, localized text, the
 * problem shape, conditions with their operators, and plain fact paths. Browser- and
 * sandbox-safe. Outside workflows/, import it from here; workflows/ imports the files one
 * by one, because this face also carries the zod schemas, which the workflow bundle must not.
 */
export { apiErrorCodes, type ApiErrorCode } from './api-errors';
export { bulkReasonCodes, type BulkReasonCode, type BulkReasonParams } from './bulk-reasons';
export { identifier, resourceKey, variableName } from './identifiers';
export { localizedDescription, localizedText, type LocalizedDescription, type LocalizedText } from './localized-text';
export { pathOf, pathSegment, type Problem } from './problem';
export {
  checkCondition,
  evaluateCondition,
  looksLikeFactReference,
  MAX_CONDITION_DEPTH,
  type Condition,
  type ConditionProblem,
  type FactCondition,
} from './condition';
export { conditionSchema } from './condition-schema';
export { conditionsReferenced, factsRead, isFactCondition, valueReference, walkCondition, type PathPart } from './condition-walk';
export { coreOperators, listOperators, operatorNames, operators } from './operators';
export { isPlainPath, parsePath, readPath, resolvePath } from './path';
