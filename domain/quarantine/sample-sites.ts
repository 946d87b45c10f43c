/**
 * Two example quarantine sites, so that a new install runs the arrival process
 * end to end. Administrators replace them with the city's own sites.
 */
import type { DataSource } from 'typeorm';
import { QuarantineSiteEntity, type QuarantineSiteRow } from './quarantine-site.entity';

export const sampleSites: Omit<QuarantineSiteRow, 'occupied'>[] = [
  { id: 'qingjiangpu-1', name: { zh: '清江浦区集中隔离点一', en: 'Qingjiangpu quarantine site 1' }, district: 'qingjiangpu', capacity: 120, active: true },
  { id: 'huaiyin-1', name: { zh: '淮阴区集中隔离点一', en: 'Huaiyin quarantine site 1' }, district: 'huaiyin', capacity: 80, active: true },
];

/** Adds the samples to an empty table only: sites an administrator has set up are never mixed with them. */
export async function seedSampleSites(db: DataSource): Promise<string[]> {
  if (await db.getRepository(QuarantineSiteEntity).exists()) return [];
  await db.createQueryBuilder().insert().into(QuarantineSiteEntity).values(sampleSites).orIgnore().execute();
  return sampleSites.map((s) => s.id);
}
