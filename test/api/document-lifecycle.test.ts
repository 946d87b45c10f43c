/**
 * Processes and rule sets share one lifecycle, so whichever way a content arrives (a draft save,
 * the editor's import, which is a create or a draft save of the file's content, or a built-in
 * seeded at first start) text PostgreSQL cannot hold is refused with a 422 naming its path (a
 * built-in is logged and skipped), never a 500, and nothing is stored. Requests meet the HTTP
 * input gate first; the document service refuses the same from any other caller.
 */
import pino from 'pino';
import { AuditEntity } from '../../engine/audit/audit.entity';
import type { DocumentService } from '../../engine/documents/document.service';
import type { BuiltIns } from '../../engine/domain-module';
import { seedBuiltIns } from '../../engine/seed';
import { uniqueKey, useTestApp } from '../support/app';
import { taskProcess } from '../support/processes';
import { adultRules, leaf } from '../support/rules';

const app = useTestApp({ seed: false });

interface Kind {
  kind: string;
  base: string;
  documents(): DocumentService<unknown, unknown>;
  builtIns(contents: unknown[]): BuiltIns;
  valid(key: string): { key: string; name: unknown };
  /** A valid content but for `text` at `path`. */
  poisoned(key: string, text: string): { key: string; name: unknown };
  path: string;
  createBody(def: { key: string; name: unknown }): unknown;
  draftBody(def: unknown): unknown;
  /** Where the body of a create or a draft save holds `path`. */
  bodyPath: string;
  code: string;
}

const kinds: Kind[] = [
  {
    kind: 'process',
    base: '/api/processes',
    documents: () => app.platform.services.documents.processes as DocumentService<unknown, unknown>,
    builtIns: (contents) => ({ processes: contents, rulesets: [] }),
    valid: (key) => taskProcess(key),
    poisoned: (key, text) => taskProcess(key, text),
    path: 'nodes/1/title/en',
    createBody: (def) => ({ key: def.key, name: def.name, definition: def }),
    draftBody: (def) => ({ definition: def }),
    bodyPath: 'body/definition/nodes/1/title/en',
    code: 'invalid_definition',
  },
  {
    kind: 'rule set',
    base: '/api/rulesets',
    documents: () => app.platform.services.documents.rulesets as DocumentService<unknown, unknown>,
    builtIns: (contents) => ({ processes: [], rulesets: contents }),
    valid: (key) => adultRules(key),
    poisoned: (key, text) => adultRules(key, 7, { rules: [{ name: 'adult', conditions: { all: [leaf()] }, event: { type: text } }] }),
    path: 'rules/0/event/type',
    createBody: (def) => def,
    draftBody: (def) => def,
    bodyPath: 'body/rules/0/event/type',
    code: 'invalid_ruleset',
  },
];

const poisons: [string, string][] = [
  ['U+0000', 'a\u0000b'],
  ['a lone surrogate', 'a\ud800'],
];

const auditCount = (key: string) => app.platform.services.db.getRepository(AuditEntity).countBy({ key });

/** The 422 a document service throws, as the HTTP layer would answer it. */
async function refusal(write: Promise<unknown>) {
  const err = (await write.then(
    () => undefined,
    (e: unknown) => e,
  )) as { status?: number; code?: string; problems?: unknown[] } | undefined;
  return { status: err?.status, code: err?.code, problems: err?.problems };
}

/** A logger that keeps what it writes, to read what a seed said. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

describe.each(kinds)('$kind', (k) => {
  describe.each(poisons)('%s', (_what, text) => {
    test('in a draft: 422 naming the path, the draft and the audit log unchanged', async () => {
      const key = uniqueKey('poison');
      expect((await app.api('POST', k.base, k.createBody(k.valid(key)))).status).toBe(201);
      const before = (await app.api('GET', `${k.base}/${key}`)).body;
      const audited = await auditCount(key);

      const res = await app.api('PUT', `${k.base}/${key}/draft`, k.draftBody(k.poisoned(key, text)));
      expect([res.status, res.body.error?.problems]).toEqual([422, [{ path: k.bodyPath, code: 'invalid_text', message: expect.any(String) }]]);

      // Any caller but the HTTP API meets the same check in the document service.
      expect(await refusal(k.documents().saveDraft(key, k.poisoned(key, text), 'tester'))).toEqual({
        status: 422,
        code: k.code,
        problems: [{ path: k.path, code: 'invalid_text', message: expect.any(String) }],
      });
      expect((await app.api('GET', `${k.base}/${key}`)).body).toEqual(before);
      expect(await auditCount(key)).toBe(audited);
    });

    test('in an import as a new document (a create): 422 naming the path, nothing created', async () => {
      const key = uniqueKey('poison');
      const res = await app.api('POST', k.base, k.createBody(k.poisoned(key, text)));
      expect([res.status, res.body.error?.problems]).toEqual([422, [{ path: k.bodyPath, code: 'invalid_text', message: expect.any(String) }]]);

      expect(await refusal(k.documents().create(k.poisoned(key, text), 'tester'))).toEqual({
        status: 422,
        code: k.code,
        problems: [{ path: k.path, code: 'invalid_text', message: expect.any(String) }],
      });
      expect((await app.api('GET', `${k.base}/${key}`)).status).toBe(404);
      expect(await auditCount(key)).toBe(0);
    });

    test('in a built-in: seeding logs it with the path and skips it, and seeds the others', async () => {
      const [poisoned, fine] = [uniqueKey('poison'), uniqueKey('fine')];
      const { log, lines } = capturedLog();
      const seeded = await seedBuiltIns({ ...app.platform.services, log }, k.builtIns([k.poisoned(poisoned, text), k.valid(fine)]));

      expect([...seeded.processes, ...seeded.rulesets]).toEqual([fine]);
      const skipped = lines.filter((l) => l.key === poisoned);
      expect(skipped).toEqual([expect.objectContaining({ level: 50, problems: [{ path: k.path, code: 'invalid_text', message: expect.any(String) }] })]);
      expect((await app.api('GET', `${k.base}/${poisoned}`)).status).toBe(404);
      expect(await auditCount(poisoned)).toBe(0);
      expect((await app.api('GET', `${k.base}/${fine}`)).body).toMatchObject({ latestVersion: 1, draft: null });
    });
  });
});

test('a built-in rule set the validator refuses is logged and skipped (built-ins were published unchecked)', async () => {
  const key = uniqueKey('bad-builtin');
  const { log, lines } = capturedLog();
  const bad = adultRules(key, 7, { rules: [{ conditions: { all: [leaf('age', 'matchesRegex')] }, event: { type: 'x' } }] });
  const seeded = await seedBuiltIns({ ...app.platform.services, log }, { rulesets: [bad], processes: [] });
  expect(seeded.rulesets).toEqual([]);
  expect(lines.find((l) => l.key === key)).toMatchObject({ problems: [expect.objectContaining({ path: 'rules/0/conditions/all/0/operator', code: 'unknown_operator' })] });
  expect((await app.api('GET', `/api/rulesets/${key}`)).status).toBe(404);
});

test('a built-in that exists is left as the administrators made it', async () => {
  const key = uniqueKey('kept');
  expect((await app.api('POST', '/api/rulesets', adultRules(key, 3))).status).toBe(201);
  const seeded = await seedBuiltIns(app.platform.services, { rulesets: [adultRules(key, 7)], processes: [] });
  expect(seeded.rulesets).toEqual([]);
  expect((await app.api('GET', `/api/rulesets/${key}`)).body).toMatchObject({ latestVersion: null, draft: { definition: adultRules(key, 3) } });
});
