import pino from 'pino';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../engine/db/data-source';
import { DocumentStore } from '../../engine/documents/document.store';
import { uniqueKey } from '../support/app';

/** The app's repository on the suite's real PostgreSQL database. */
let db: DataSource;
let store: DocumentStore<{ text: string }>;
const name = { zh: '文档', en: 'Document' };

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('this test needs the suite PostgreSQL database (TEST_DATABASE_URL)');
  db = await openDatabase({ url, log: pino({ level: 'silent' }) });
  store = new DocumentStore(db, 'process');
});
afterAll(async () => {
  await db?.destroy();
});

test('writes and reads through the repository: draft, publish, versions', async () => {
  const key = uniqueKey('doc');
  await store.create(key, name, { text: 'one' }, 'alice');
  expect((await store.get(key)).draft).toEqual({ text: 'one' });
  const v1 = await store.publishDraft(key, 'first', 'alice', (d) => d as { text: string });
  expect(v1).toMatchObject({ version: 1, author: 'alice', comment: 'first' });
  expect((await store.get(key)).draft).toBeNull();
  expect((await store.version(key)).content).toEqual({ text: 'one' });
  const rows = await db.query('SELECT version, hash FROM document_versions WHERE key = $1', [key]);
  expect(rows).toEqual([{ version: 1, hash: v1.hash }]);
});

test('a draft saved while a publish is checking waits for it and is neither published nor lost', async () => {
  const key = uniqueKey('race');
  await store.create(key, name, { text: 'checked' }, 'alice');
  let laterSave: Promise<unknown> | undefined;
  const published = await store.publishDraft(key, 'c', 'alice', (draft) => {
    // A second editor saves while the publish holds the row: that save must wait for the commit.
    laterSave = store.saveDraft(key, { text: 'newer' }, name, 'bob');
    return draft as { text: string };
  });
  await laterSave;
  expect(published.version).toBe(1);
  expect((await store.version(key, 1)).content).toEqual({ text: 'checked' });
  expect((await store.get(key)).draft).toEqual({ text: 'newer' });
});

test('a refused publish writes nothing', async () => {
  const key = uniqueKey('refuse');
  await store.create(key, name, { text: 'bad' }, 'alice');
  await expect(
    store.publishDraft(key, 'c', 'alice', () => {
      throw new Error('refused');
    }),
  ).rejects.toThrow('refused');
  expect(await store.versions(key)).toEqual([]);
  expect((await store.get(key)).draft).toEqual({ text: 'bad' });
});
