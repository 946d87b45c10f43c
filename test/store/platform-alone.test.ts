/** The platform migrates a database by itself, without any domain: every table it maps exists. */
import pino from 'pino';
import { openDatabase } from '../../engine/db/data-source';
import { platformEntities } from '../../engine/db/entities';
import { scratchDatabase } from '../support/scratch-database';

test('a database migrated by the platform alone has every table the platform maps (the notice outbox included)', async () => {
  const scratch = await scratchDatabase();
  try {
    const db = await openDatabase({ url: scratch.url, log: pino({ level: 'silent' }) });
    try {
      const tables = (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).map((r: { table_name: string }) => r.table_name);
      const mapped = platformEntities.map((e) => db.getMetadata(e).tableName);
      expect(mapped).toEqual(expect.arrayContaining(['notices', 'notice_deliveries', 'cases', 'tasks']));
      expect(mapped.filter((t) => !tables.includes(t))).toEqual([]);
    } finally {
      await db.destroy();
    }
  } finally {
    await scratch.drop();
  }
});
