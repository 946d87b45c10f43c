import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Org units: the tree a city's offices form (city → district or county → street or town →
 * community). `path` is the dotted chain of ids from the root, so a subtree is one indexed
 * prefix match; ids hold no dot and no LIKE wildcard. Seeded with Huai'an, its four districts,
 * three counties and three development zones. Cases and tasks carry a unit; rows older than
 * this belong to the root (city-wide staff see them, no district does).
 */
export class OrgUnits1764800000000 implements MigrationInterface {
  name = 'OrgUnits1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_units (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,62}$'),
        parent_id text REFERENCES org_units (id),
        name jsonb NOT NULL,
        path text NOT NULL UNIQUE,
        -- The clock, not the transaction's start: units seeded together keep their order.
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((parent_id IS NULL) = (path = id))
      )`);
    await q.query(`CREATE INDEX org_units_subtree ON org_units (path text_pattern_ops)`);
    await q.query(`CREATE INDEX org_units_parent ON org_units (parent_id)`);
    // One tree: a single root.
    await q.query(`CREATE UNIQUE INDEX org_units_one_root ON org_units ((true)) WHERE parent_id IS NULL`);
    await q.query(`INSERT INTO org_units (id, parent_id, name, path) VALUES ($1, NULL, $2, $1)`, [ROOT.id, JSON.stringify(ROOT.name)]);
    for (const unit of HUAIAN_UNITS) {
      await q.query(`INSERT INTO org_units (id, parent_id, name, path) VALUES ($1, $2, $3, $4)`, [unit.id, ROOT.id, JSON.stringify(unit.name), `${ROOT.id}.${unit.id}`]);
    }
    for (const table of ['cases', 'tasks']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN org_unit text REFERENCES org_units (id)`);
      await q.query(`UPDATE ${table} SET org_unit = $1`, [ROOT.id]);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN org_unit SET NOT NULL`);
    }
    await q.query(`CREATE INDEX cases_org_unit ON cases (org_unit, started_at DESC)`);
    await q.query(`CREATE INDEX tasks_org_unit ON tasks (org_unit, status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'cases']) await q.query(`ALTER TABLE ${table} DROP COLUMN org_unit`);
    await q.query(`DROP TABLE org_units`);
  }
}

const ROOT = { id: 'huaian', name: { zh: '淮安市', en: "Huai'an City" } };

/** The city's county-level units as the city government lists them: 4 districts, 3 counties, 3 development zones. */
const HUAIAN_UNITS = [
  { id: 'qingjiangpu', name: { zh: '清江浦区', en: 'Qingjiangpu District' } },
  { id: 'huaiyin', name: { zh: '淮阴区', en: 'Huaiyin District' } },
  { id: 'huaian-district', name: { zh: '淮安区', en: "Huai'an District" } },
  { id: 'hongze', name: { zh: '洪泽区', en: 'Hongze District' } },
  { id: 'lianshui', name: { zh: '涟水县', en: 'Lianshui County' } },
  { id: 'xuyi', name: { zh: '盱眙县', en: 'Xuyi County' } },
  { id: 'jinhu', name: { zh: '金湖县', en: 'Jinhu County' } },
  { id: 'huaian-etdz', name: { zh: '淮安经济技术开发区', en: "Huai'an Economic and Technological Development Zone" } },
  { id: 'huaian-industrial-park', name: { zh: '淮安工业园区', en: "Huai'an Industrial Park" } },
  { id: 'huaian-eco-tourism', name: { zh: '淮安生态文旅区', en: "Huai'an Eco-Cultural Tourism Zone" } },
];
