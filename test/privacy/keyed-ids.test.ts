/**
 * Case ids and business-key hashes are keyed (HMAC-SHA256 under HASH_SECRET or a secret kept under
 * DATA_DIR), so knowing an ID number is not enough to compute a case's id; a case started under the
 * old unkeyed ids is still found and still blocks a duplicate start. On the real API, Temporal and
 * PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROCESS_WORKFLOW_TYPE } from '../../workflows/process-workflow';
import { BusinessKeyAttr, OrgUnitAttr, ProcessKeyAttr, ProcessVersionAttr } from '../../workflows/search-attributes';
import { caseIdFor, legacyCaseIdFor, legacyHashBusinessKey } from '../../engine/cases/business-key';
import { loadConfig } from '../../engine/config';
import { hashSecretOf } from '../../engine/privacy/hash-secret';
import { snapshotOf } from '../../engine/processes/snapshot';
import { uniqueKey, useTestApp } from '../support/app';
import { chain, publish, waitFor } from '../support/processes';

const app = useTestApp({ seed: false });

const waiting = (key: string) => chain(key, [{ id: 'start', type: 'start' }, { id: 'wait', type: 'event', event: 'go' }, { id: 'end', type: 'end' }]);

test("a case's id is the keyed hash of its business key, not the unkeyed one anyone could compute", async () => {
  const key = uniqueKey('keyed');
  await publish(app, waiting(key));
  const idNumber = `3208031990${Date.now() % 100_000_000}`;
  const res = await app.api('POST', '/api/cases', { processKey: key, businessKey: idNumber, input: {} });
  expect(res.status).toBe(201);
  expect(res.body.caseId).toBe(caseIdFor(app.platform.services.config.hashSecret!, key, idNumber).id);
  expect(res.body.caseId).not.toBe(legacyCaseIdFor(key, idNumber));
  const desc = await app.client.workflow.getHandle(res.body.caseId).describe();
  expect(desc.searchAttributes.BusinessKey).toEqual([caseIdFor(app.platform.services.config.hashSecret!, key, idNumber).hashedKey]);
  // Another secret gives another id.
  expect(caseIdFor(Buffer.from('another secret, at least thirty-two characters'), key, idNumber).id).not.toBe(res.body.caseId);
  await app.api('POST', `/api/cases/${res.body.caseId}/cancel`);
});

test('a case started under the old unkeyed ids is still found, and still blocks a start with its business key', async () => {
  const key = uniqueKey('legacy');
  await publish(app, waiting(key));
  const idNumber = `3208031991${Date.now() % 100_000_000}`;
  const legacyId = legacyCaseIdFor(key, idNumber);
  // What a start before keyed ids left: the row and the workflow under the unkeyed hash.
  const snapshot = await snapshotOf(app.platform.services, key);
  await app.platform.services.db.query(
    `INSERT INTO cases (id, process_key, version, business_key, started_by, state, org_unit) VALUES ($1, $2, $3, $4, 'before', 'started', 'huaian')`,
    [legacyId, key, snapshot.version, legacyHashBusinessKey(key, idNumber)],
  );
  await app.client.workflow.start(PROCESS_WORKFLOW_TYPE, {
    taskQueue: app.taskQueue,
    workflowId: legacyId,
    args: [{ ...snapshot, input: {} }],
    typedSearchAttributes: [
      { key: ProcessKeyAttr, value: key },
      { key: ProcessVersionAttr, value: snapshot.version },
      { key: BusinessKeyAttr, value: legacyHashBusinessKey(key, idNumber) },
      { key: OrgUnitAttr, value: 'huaian' },
    ],
  });

  const found = await waitFor(app, legacyId, 'running', 'wait');
  expect(found.caseId).toBe(legacyId);
  const dup = await app.api('POST', '/api/cases', { processKey: key, businessKey: idNumber, input: {} });
  expect(dup.status).toBe(409);
  expect(dup.body.error.code).toBe('duplicate_business_key');
  expect(JSON.stringify(dup.body)).not.toContain(idNumber);
  // No keyed twin was made.
  const rows = await app.platform.services.db.query(`SELECT id FROM cases WHERE process_key = $1`, [key]);
  expect(rows).toEqual([{ id: legacyId }]);
  // It still acts as a case: events reach it.
  expect((await app.api('POST', `/api/cases/${legacyId}/events/go`, {})).status).toBe(202);
  await waitFor(app, legacyId, 'completed');
});

describe('the hash secret', () => {
  test('without HASH_SECRET, one is made once under DATA_DIR with mode 0600 and read back ever after', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-secret-'));
    try {
      const first = hashSecretOf({ dataDir });
      expect(first.length).toBeGreaterThanOrEqual(32);
      const file = path.join(dataDir, 'secrets', 'hash.key');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(hashSecretOf({ dataDir }).equals(first)).toBe(true);
      expect(hashSecretOf({ dataDir, hashSecret: Buffer.from('x'.repeat(32)) }).toString()).toBe('x'.repeat(32));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a HASH_SECRET shorter than 32 characters is refused without echoing it', () => {
    expect(() => loadConfig({ HASH_SECRET: 'too-short-secret' })).toThrow(/HASH_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ HASH_SECRET: 'too-short-secret' })).not.toThrow(/too-short-secret/);
  });
});
