/**
 * `npm run audit:verify`: checks the audit chain of the database at DATABASE_URL and names the
 * first broken row (exit 1), or says how many rows are intact (exit 0). Exit 2 when it cannot
 * check. Under `npm start`, its embedded database's URL is printed at start (the "More workers" line).
 */
import { Client } from 'pg';
import { describeReport, verifyAuditChain } from './verify';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('audit:verify needs DATABASE_URL (under npm start, the URL printed on the "More workers" line)\n');
    return 2;
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const report = await verifyAuditChain(async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[]);
    (report.ok ? process.stdout : process.stderr).write(describeReport(report) + '\n');
    return report.ok ? 0 : 1;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`audit:verify could not check the chain: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
