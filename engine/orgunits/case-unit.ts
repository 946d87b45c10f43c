import type { DataSource } from 'typeorm';
import { UserError, ValidationError } from '../errors';
import type { OrgScope, ScopedPrincipal } from './scope';

const problem = (code: string, message: string) => [{ path: 'body/orgUnit', code, message }];

/**
 * The unit a new case belongs to: the one asked for, which must lie inside the caller's
 * subtrees (403 otherwise: the tree is no secret, so saying so discloses nothing), or by
 * default the caller's only unit. A city-wide caller without units of its own (an administrator)
 * defaults to the root, whose subtree is its scope; anyone else with several units must choose
 * (422 naming `orgUnit`).
 */
export async function unitForNewCase(db: DataSource, principal: ScopedPrincipal, scope: OrgScope, requested: string | undefined): Promise<string> {
  let unit = requested;
  if (unit === undefined) {
    if (principal.orgUnits.length === 1) unit = principal.orgUnits[0];
    else if (principal.orgUnits.length === 0 && scope.all) unit = await rootId(db);
    else throw new ValidationError('org_unit_required', 'say which org unit the case belongs to (orgUnit): you belong to several or none', problem('required', 'is required for a caller with several org units or none'));
  }
  const [known] = (await db.query(`SELECT id FROM org_units WHERE id = $1`, [unit])) as { id: string }[];
  if (!known) throw new ValidationError('unknown_org_unit', `org unit '${unit}' does not exist`, problem('unknown', 'names no org unit'));
  if (!scope.includes(unit)) {
    throw new UserError(403, 'org_unit_forbidden', `org unit '${unit}' lies outside your org units`, problem('outside_scope', 'lies outside your org units'));
  }
  return unit;
}

/** The root of the tree, where rows from before org units belong. */
export async function rootId(db: DataSource): Promise<string> {
  const [root] = (await db.query(`SELECT id FROM org_units WHERE parent_id IS NULL`)) as { id: string }[];
  return root.id;
}

/**
 * The unit a case's task belongs to: its case's. A subprocess runs under `<parent>.<node>.<visit>`
 * with no row of its own, so the nearest case above it that has one answers; a workflow started
 * outside the API (none) belongs to the root.
 */
export async function unitOfCase(db: DataSource, caseId: string): Promise<string> {
  const parts = caseId.split('.');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('.')).slice(1);
  const rows = (await db.query(`SELECT org_unit FROM cases WHERE id = ANY($1) ORDER BY length(id) DESC LIMIT 1`, [candidates])) as { org_unit: string }[];
  return rows[0]?.org_unit ?? rootId(db);
}
