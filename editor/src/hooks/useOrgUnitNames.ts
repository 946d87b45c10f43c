/** Org-unit names by id, in the UI language (the id itself until the tree is loaded, or if it cannot be). */
import { useEffect, useState } from 'react';
import { fetchOrgUnits, unitsById, type OrgUnitNode } from '../api/orgUnits';
import { pickText, useTextSide } from '../i18n/useLocalized';

export function useOrgUnitNames(): (id: string | undefined) => string {
  const side = useTextSide();
  const [units, setUnits] = useState<Map<string, OrgUnitNode>>(new Map());
  useEffect(() => {
    let cancelled = false;
    fetchOrgUnits()
      .then((root) => !cancelled && setUnits(unitsById(root)))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return (id) => (id ? (pickText(units.get(id)?.name, side) ?? id) : '');
}
