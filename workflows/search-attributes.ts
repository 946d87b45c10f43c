/**
 * Custom search attributes the engine sets on every case, registered on the dev
 * server at start. Values never hold personal data: BusinessKey is a hash.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ProcessKeyAttr = defineSearchAttributeKey('ProcessKey', SearchAttributeType.KEYWORD);
export const ProcessVersionAttr = defineSearchAttributeKey('ProcessVersion', SearchAttributeType.INT);
export const BusinessKeyAttr = defineSearchAttributeKey('BusinessKey', SearchAttributeType.KEYWORD);
/** The id of the case's org unit (not its path: a unit keeps its id when it moves), which scopes case lists. */
export const OrgUnitAttr = defineSearchAttributeKey('OrgUnit', SearchAttributeType.KEYWORD);

/** name → the CLI's type word, for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTES: Record<string, string> = {
  ProcessKey: 'Keyword',
  ProcessVersion: 'Int',
  BusinessKey: 'Keyword',
  OrgUnit: 'Keyword',
};
