import { ApiError } from '../api/client';
import type { DocumentApi, DocumentDetail } from '../api/documents';
import { DocumentSession, failureNotice, type DocumentAdapter } from './document-session';

interface Doc {
  key: string;
  name: { zh: string; en: string };
  text: string;
}

const name = { zh: '文档', en: 'Doc' };
const doc = (text: string): Doc => ({ key: 'doc', name, text });

/** The API's draft rules in memory: a revision per write, 412 for a write based on an older one. */
function server(start: { draft?: Doc; published?: Doc[] } = {}) {
  let revision = 7;
  let draft: Doc | null = start.draft ?? null;
  const published = [...(start.published ?? [])];
  const ifMatch: number[] = [];
  const refuseStale = (based: number) => {
    ifMatch.push(based);
    if (based !== revision) throw new ApiError(412, 'stale_draft', `the document 'doc' changed since revision ${based}: it is at revision ${revision}`);
  };
  const info = (version: number) => ({ version, author: 'a', comment: '', hash: `h${version}`, createdAt: '2024-01-01T00:00:00Z' });
  const api: DocumentApi<Doc> = {
    get: async (key): Promise<DocumentDetail<Doc>> => ({
      key,
      name,
      latestVersion: published.length || null,
      draftRevision: revision,
      published: published.length ? { version: published.length, definition: published[published.length - 1], hash: 'h' } : null,
      draft: draft && { definition: draft, author: 'a', updatedAt: '' },
      versions: published.map((_, i) => info(i + 1)).reverse(),
    }),
    version: async (_key, version) => ({ ...info(version), definition: published[version - 1] }),
    saveDraft: async (_key, content, based) => {
      refuseStale(based);
      draft = content;
      revision += 1;
      return { draftRevision: revision, problems: [], warnings: [] };
    },
    publish: async (_key, _comment, based) => {
      refuseStale(based);
      published.push(draft!);
      draft = null;
      revision += 1;
      return { ...info(published.length), draftRevision: revision };
    },
  };
  /** Someone else saves the draft. */
  const elsewhere = (content: Doc) => {
    draft = content;
    revision += 1;
  };
  return { api, ifMatch, elsewhere, published, draft: () => draft };
}

/** An editor holding one content. */
function editor(api: DocumentApi<Doc>) {
  const state = { shown: null as Doc | null, saves: 0 };
  const adapter: DocumentAdapter<Doc> = {
    api,
    load: (content) => void (state.shown = content),
    current: () => state.shown!,
    markSaved: () => void (state.saves += 1),
    empty: (key, n) => ({ key, name: n, text: '' }),
  };
  return { state, session: new DocumentSession('doc', adapter) };
}

describe('a document open in the editor', () => {
  it('opens the draft, else the latest published version, else an empty document', async () => {
    const cases: [Parameters<typeof server>[0], string][] = [
      [{ draft: doc('draft'), published: [doc('v1')] }, 'draft'],
      [{ published: [doc('v1'), doc('v2')] }, 'v2'],
      [{}, ''],
    ];
    for (const [start, text] of cases) {
      const { state, session } = editor(server(start).api);
      const detail = await session.load();
      expect(state.shown?.text).toBe(text);
      expect(detail?.draftRevision).toBe(7);
    }
  });

  it('saves with If-Match: the loaded revision, then the revision each save answered', async () => {
    const s = server({ published: [doc('v1')] });
    const { state, session } = editor(s.api);
    await session.load();
    state.shown = doc('one');
    await session.save();
    state.shown = doc('two');
    await session.save();
    expect(s.ifMatch).toEqual([7, 8]);
    expect(s.draft()?.text).toBe('two');
    expect(state.saves).toBe(2);
  });

  it("refuses to overwrite a draft someone saved meanwhile, even after a refresh, and saves on theirs after a reload", async () => {
    const s = server({ draft: doc('mine') });
    const { state, session } = editor(s.api);
    await session.load();
    s.elsewhere(doc('theirs'));
    // Refreshing the versions list must not move the revision the edits are based on.
    await session.refresh();
    state.shown = doc('mine, edited');
    const err = await session.save().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 412, code: 'stale_draft' });
    expect(s.draft()?.text).toBe('theirs');
    expect(state.saves).toBe(0);

    const reload = jest.fn();
    const notice = failureNotice(err, reload);
    expect(notice).toMatchObject({ kind: 'stale', error: err });
    if (notice?.kind === 'stale') notice.reload();
    expect(reload).toHaveBeenCalled();

    await session.load();
    expect(state.shown?.text).toBe('theirs');
    state.shown = doc('theirs, edited');
    await session.save();
    expect(s.draft()?.text).toBe('theirs, edited');
  });

  it('publishes what is edited: saves it, publishes that revision, and goes on from the revision publish answered', async () => {
    const s = server({ published: [doc('v1')] });
    const { state, session } = editor(s.api);
    await session.load();
    state.shown = doc('v2');
    const published = await session.publish({ comment: 'second' });
    expect(published.version).toBe(2);
    expect(s.published.map((d) => d.text)).toEqual(['v1', 'v2']);
    state.shown = doc('v3 draft');
    await session.save();
    expect(s.ifMatch).toEqual([7, 8, 9]);
  });

  it('leaves the editor alone when the load is no longer wanted (another document was opened)', async () => {
    const { state, session } = editor(server({ draft: doc('late') }).api);
    expect(await session.load(() => false)).toBeNull();
    expect(state.shown).toBeNull();
  });

  it('any other failure is an error notice with the problems the server gave, keeping the refusal to be worded from its code', () => {
    const problems = [{ path: 'rules/0/event/type', code: 'invalid_schema', message: 'is required' }];
    const refused = new ApiError(422, 'invalid_ruleset', 'the rule set has 1 problem(s)', problems);
    expect(failureNotice(refused, () => {})).toEqual({ kind: 'error', error: refused, problems });
    const offline = new Error('offline');
    expect(failureNotice(offline, () => {})).toEqual({ kind: 'error', error: offline, problems: [] });
  });
});
