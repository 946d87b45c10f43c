/**
 * Optimistic concurrency on drafts, for both kinds of document: GET gives the draft's
 * revision as an ETag; a save or publish sent with an older one is refused with 412 and
 * changes nothing; without If-Match the last save wins, as before.
 */
import { uniqueKey, useTestApp } from '../support/app';
import { taskProcess } from '../support/processes';
import { adultRules } from '../support/rules';

const app = useTestApp({ seed: false });

const kinds = [
  {
    kind: 'process',
    base: '/api/processes',
    create: (key: string) => app.api('POST', '/api/processes', { key, name: { zh: key, en: key }, definition: taskProcess(key) }),
    draft: (key: string, title: string) => ({ definition: taskProcess(key, title) }),
    titleOf: (body: any) => body.draft?.definition.nodes[1].title.en,
  },
  {
    kind: 'rule set',
    base: '/api/rulesets',
    create: (key: string) => app.api('POST', '/api/rulesets', adultRules(key)),
    draft: (key: string, title: string) => adultRules(key, 7, { name: { zh: title, en: title } }),
    titleOf: (body: any) => body.draft?.definition.name.en,
  },
];

describe.each(kinds)('$kind drafts', ({ base, create, draft, titleOf }) => {
  test('a save based on an older revision is a 412 naming the current one, and the newer draft is kept', async () => {
    const key = uniqueKey('etag');
    expect((await create(key)).status).toBe(201);
    const first = await app.api('GET', `${base}/${key}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+"$/);

    const mine = await app.api('PUT', `${base}/${key}/draft`, draft(key, 'mine'), { 'if-match': etag });
    expect(mine.status).toBe(200);
    const next = mine.headers.get('etag')!;
    expect(next).not.toBe(etag);
    expect(mine.body.draftRevision).toBe(Number(JSON.parse(next)));

    const stale = await app.api('PUT', `${base}/${key}/draft`, draft(key, 'theirs'), { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('stale_draft');
    expect(stale.body.error.message).toContain(`revision ${JSON.parse(next)}`);
    expect(titleOf((await app.api('GET', `${base}/${key}`)).body)).toBe('mine');

    const stalePublish = await app.api('POST', `${base}/${key}/publish`, { comment: 'old view' }, { 'if-match': etag });
    expect(stalePublish.status).toBe(412);
    expect((await app.api('GET', `${base}/${key}`)).body.latestVersion).toBeNull();

    const published = await app.api('POST', `${base}/${key}/publish`, { comment: 'current view' }, { 'if-match': next });
    expect(published.status).toBe(201);
    // A publish moves the revision on too: a save based on the published draft is stale.
    expect((await app.api('PUT', `${base}/${key}/draft`, draft(key, 'late'), { 'if-match': next })).status).toBe(412);
    expect((await app.api('PUT', `${base}/${key}/draft`, draft(key, 'late'))).status).toBe(200);
  });

  test('a malformed If-Match is a 400; * matches any revision', async () => {
    const key = uniqueKey('etag');
    await create(key);
    expect((await app.api('PUT', `${base}/${key}/draft`, draft(key, 'x'), { 'if-match': 'yesterday' })).status).toBe(400);
    expect((await app.api('PUT', `${base}/${key}/draft`, draft(key, 'x'), { 'if-match': '*' })).status).toBe(200);
  });
});
