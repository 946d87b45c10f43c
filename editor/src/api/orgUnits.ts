/** The org-unit tree (GET /api/org-units), for showing a unit's name where the API gives its id. */
import { request } from './client';

export interface OrgUnitNode {
  id: string;
  name: { zh: string; en: string };
  children: OrgUnitNode[];
}

export const fetchOrgUnits = () => request<OrgUnitNode>('GET', '/org-units');

/** Every unit of the tree by id. */
export function unitsById(root: OrgUnitNode): Map<string, OrgUnitNode> {
  const byId = new Map<string, OrgUnitNode>();
  const visit = (n: OrgUnitNode) => {
    byId.set(n.id, n);
    n.children.forEach(visit);
  };
  visit(root);
  return byId;
}
