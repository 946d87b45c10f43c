import type { GroupGrant } from './auth-config';
import type { RoleName } from './permissions';

/** What a user's identity-provider groups give: the union of the mapped groups' roles and org units. */
export function grantsOf(groups: readonly string[], map: Readonly<Record<string, GroupGrant>>): GroupGrant {
  const roles = new Set<RoleName>();
  const orgUnits = new Set<string>();
  for (const group of groups) {
    const grant = Object.hasOwn(map, group) ? map[group] : undefined;
    grant?.roles.forEach((r) => roles.add(r));
    grant?.orgUnits.forEach((u) => orgUnits.add(u));
  }
  return { roles: [...roles].sort(), orgUnits: [...orgUnits].sort() };
}

/** The groups a claim lists: an array of strings, or one string; anything else is none. */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : [];
}
