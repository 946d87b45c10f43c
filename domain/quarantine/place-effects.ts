/**
 * Centralized-quarantine places a rule change moves, for the rule sets' impact preview on running
 * cases (engine/domain-module.ts, impactEffects). A case that would leave centralized quarantine
 * frees the place it holds, at its site; one that would enter it needs a place, counted by its org
 * unit (a site is chosen only when the place is taken: site-allocation.ts); one that stays keeps
 * its place for the change in its `days`, counted as place-days at its site.
 */
import type { DataSource } from 'typeorm';
import type { LocalizedText } from '../../language';
import type { ChangedCase, ResourceEffect, ResourceEffectRow } from '../../rules/simulate';

/** The outcome of the arrival rules (arrival-classification.json) that sends a person to a site. */
export const CENTRALIZED = 'centralized-quarantine';

const NO_UNIT: LocalizedText = { zh: '未指定单位', en: 'No org unit' };

const isCentralized = (decided: { outcome: string | null }) => decided.outcome === CENTRALIZED;

export async function quarantinePlaceEffects(db: DataSource, changed: readonly ChangedCase[]): Promise<ResourceEffect[]> {
  const moved = changed.filter((c) => isCentralized(c.now) || isCentralized(c.next));
  if (moved.length === 0) return [];
  const held: { case_id: string; site_id: string; name: LocalizedText }[] = await db.query(
    `SELECT a.case_id, s.id AS site_id, s.name FROM site_assignments a JOIN quarantine_sites s ON s.id = a.site_id
     WHERE a.released_at IS NULL AND a.case_id = ANY($1)`,
    [moved.map((c) => c.caseId)],
  );
  const siteOf = new Map(held.map((h) => [h.case_id, h]));
  const unitIds = [...new Set(moved.filter((c) => !siteOf.has(c.caseId) && c.orgUnit).map((c) => c.orgUnit!))];
  const units: { id: string; name: LocalizedText }[] = unitIds.length ? await db.query(`SELECT id, name FROM org_units WHERE id = ANY($1)`, [unitIds]) : [];
  const unitName = new Map(units.map((u) => [u.id, u.name]));

  const rows = new Map<string, ResourceEffectRow>();
  const rowFor = (id: string, label: LocalizedText) => {
    const found = rows.get(id) ?? { id, label, freed: 0, needed: 0, days: 0 };
    rows.set(id, found);
    return found;
  };
  for (const c of moved) {
    const site = siteOf.get(c.caseId);
    if (isCentralized(c.now) && !isCentralized(c.next)) {
      // Nothing is freed where nothing is held yet (the case has not reached its site).
      if (site) rowFor(`site:${site.site_id}`, site.name).freed++;
    } else if (!isCentralized(c.now)) {
      if (!site) rowFor(`unit:${c.orgUnit ?? ''}`, (c.orgUnit && unitName.get(c.orgUnit)) || NO_UNIT).needed++;
    } else if (site && typeof c.now.params.days === 'number' && typeof c.next.params.days === 'number') {
      rowFor(`site:${site.site_id}`, site.name).days += c.next.params.days - c.now.params.days;
    }
  }
  const effectRows = [...rows.values()].filter((r) => r.freed || r.needed || r.days).sort((a, b) => a.id.localeCompare(b.id));
  return effectRows.length ? [{ resource: 'quarantine-places', label: { zh: '集中隔离床位', en: 'Centralized-quarantine places' }, rows: effectRows }] : [];
}
