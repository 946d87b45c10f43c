/**
 * The org-unit tree: seeded with Huai'an's districts, counties and development zones; read by
 * every signed-in account; created, renamed, moved (never below itself) and removed (only when
 * nothing refers to it) by administrators, each change audited. On the real API and PostgreSQL.
 */
import { uniqueKey, useTestApp } from '../support/app';
import { chain, publish } from '../support/processes';

const app = useTestApp({ seed: false });

interface Node {
  id: string;
  name: { zh: string; en: string };
  children: Node[];
}

const suffix = uniqueKey('u').slice(2);
const unit = (name: string) => `${name}-${suffix}`;

async function tree(): Promise<Node> {
  const res = await app.api('GET', '/api/org-units');
  expect(res.status).toBe(200);
  return res.body;
}

function find(node: Node, id: string): Node | undefined {
  if (node.id === id) return node;
  for (const c of node.children) {
    const hit = find(c, id);
    if (hit) return hit;
  }
  return undefined;
}

async function auditOf(id: string): Promise<{ action: string; actor: string; detail: Record<string, unknown> }[]> {
  return app.platform.services.db.query(`SELECT action, actor, detail FROM audit_log WHERE kind = 'org_unit' AND key = $1 ORDER BY id`, [id]);
}

test("the seeded tree: Huai'an and its county-level units, in both languages", async () => {
  const root = await tree();
  expect(root).toMatchObject({ id: 'huaian', name: { zh: '淮安市', en: "Huai'an City" } });
  const seeded = root.children.slice(0, 10).map((c) => [c.id, c.name.zh, c.name.en]);
  expect(seeded).toEqual([
    ['qingjiangpu', '清江浦区', 'Qingjiangpu District'],
    ['huaiyin', '淮阴区', 'Huaiyin District'],
    ['huaian-district', '淮安区', "Huai'an District"],
    ['hongze', '洪泽区', 'Hongze District'],
    ['lianshui', '涟水县', 'Lianshui County'],
    ['xuyi', '盱眙县', 'Xuyi County'],
    ['jinhu', '金湖县', 'Jinhu County'],
    ['huaian-etdz', '淮安经济技术开发区', "Huai'an Economic and Technological Development Zone"],
    ['huaian-industrial-park', '淮安工业园区', "Huai'an Industrial Park"],
    ['huaian-eco-tourism', '淮安生态文旅区', "Huai'an Eco-Cultural Tourism Zone"],
  ]);
});

test('every signed-in role reads the tree; only administrators change it; nobody anonymous does either', async () => {
  const operator = app.as(`op-${suffix}`, { roles: ['operator'], orgUnits: ['jinhu'] });
  const designer = app.as(`de-${suffix}`, { roles: ['designer'] });
  for (const caller of [operator, designer]) {
    expect((await caller.api('GET', '/api/org-units')).status).toBe(200);
    expect((await caller.api('POST', '/api/org-units', { id: unit('nope'), parentId: 'jinhu', name: { zh: '不', en: 'No' } })).status).toBe(403);
    expect((await caller.api('PUT', '/api/org-units/jinhu', { name: { zh: '不', en: 'No' } })).status).toBe(403);
    expect((await caller.api('DELETE', '/api/org-units/jinhu')).status).toBe(403);
  }
  expect((await app.anonymous.api('GET', '/api/org-units')).status).toBe(401);
});

test('create, rename, move with its subtree, and remove; each change in the audit trail', async () => {
  const street = unit('street');
  const community = unit('community');
  const created = await app.api('POST', '/api/org-units', { id: street, parentId: 'qingjiangpu', name: { zh: '淮海街道', en: 'Huaihai Street' } });
  expect(created.status).toBe(201);
  expect(created.body).toEqual({ id: street, parentId: 'qingjiangpu', name: { zh: '淮海街道', en: 'Huaihai Street' }, path: `huaian.qingjiangpu.${street}` });
  expect((await app.api('POST', '/api/org-units', { id: community, parentId: street, name: { zh: '社区', en: 'Community' } })).body.path).toBe(`huaian.qingjiangpu.${street}.${community}`);

  const renamed = await app.api('PUT', `/api/org-units/${street}`, { name: { zh: '淮海南路街道', en: 'Huaihai South Road Street' } });
  expect(renamed.status).toBe(200);
  expect(find(await tree(), street)!.name.en).toBe('Huaihai South Road Street');

  const moved = await app.api('PUT', `/api/org-units/${street}`, { parentId: 'huaiyin' });
  expect(moved.body).toMatchObject({ parentId: 'huaiyin', path: `huaian.huaiyin.${street}` });
  const rows = await app.platform.services.db.query(`SELECT path FROM org_units WHERE id = $1`, [community]);
  expect(rows).toEqual([{ path: `huaian.huaiyin.${street}.${community}` }]);
  expect(find(find(await tree(), 'huaiyin')!, community)).toBeDefined();
  expect(find(find(await tree(), 'qingjiangpu')!, street)).toBeUndefined();

  expect((await app.api('DELETE', `/api/org-units/${community}`)).body).toEqual({ removed: community });
  expect(find(await tree(), community)).toBeUndefined();

  expect((await auditOf(street)).map((r) => r.action)).toEqual(['create', 'update', 'update']);
  expect((await auditOf(street))[2].detail).toEqual({ parentId: { before: 'qingjiangpu', after: 'huaiyin' } });
  expect((await auditOf(community)).map((r) => r.action)).toEqual(['create', 'remove']);
  expect((await auditOf(community))[1].actor).toBe('admin');
});

test('a move below itself or the root moving is refused with 422 naming parentId, and nothing changes', async () => {
  const top = unit('top');
  const child = unit('child');
  await app.api('POST', '/api/org-units', { id: top, parentId: 'lianshui', name: { zh: '上', en: 'Top' } });
  await app.api('POST', '/api/org-units', { id: child, parentId: top, name: { zh: '下', en: 'Below' } });
  const below = await app.api('PUT', `/api/org-units/${top}`, { parentId: child });
  expect(below.status).toBe(422);
  expect(below.body.error).toMatchObject({ code: 'org_unit_cycle', problems: [{ path: 'body/parentId' }] });
  const self = await app.api('PUT', `/api/org-units/${top}`, { parentId: top });
  expect(self.status).toBe(422);
  expect(self.body.error.code).toBe('org_unit_cycle');
  const root = await app.api('PUT', '/api/org-units/huaian', { parentId: 'jinhu' });
  expect(root.status).toBe(422);
  expect(root.body.error.code).toBe('org_unit_root');
  expect(await app.platform.services.db.query(`SELECT path FROM org_units WHERE id = $1`, [child])).toEqual([{ path: `huaian.lianshui.${top}.${child}` }]);
});

test('bad input is a 4xx naming the field', async () => {
  const dup = await app.api('POST', '/api/org-units', { id: 'jinhu', parentId: 'huaian', name: { zh: '金湖', en: 'Jinhu' } });
  expect(dup.status).toBe(409);
  expect(dup.body.error.code).toBe('org_unit_exists');
  const orphan = await app.api('POST', '/api/org-units', { id: unit('orphan'), parentId: 'atlantis', name: { zh: '无', en: 'None' } });
  expect(orphan.status).toBe(422);
  expect(orphan.body.error.problems).toEqual([expect.objectContaining({ path: 'body/parentId' })]);
  const badId = await app.api('POST', '/api/org-units', { id: 'Has.Dots', parentId: 'huaian', name: { zh: '点', en: 'Dots' } });
  expect(badId.status).toBe(422);
  expect(badId.body.error.problems[0].path).toBe('body/id');
  const noName = await app.api('POST', '/api/org-units', { id: unit('noname'), parentId: 'huaian', name: { zh: '' } });
  expect(noName.status).toBe(422);
  expect((await app.api('PUT', '/api/org-units/jinhu', {})).status).toBe(422);
  expect((await app.api('PUT', `/api/org-units/${unit('ghost')}`, { name: { zh: '鬼', en: 'Ghost' } })).status).toBe(404);
  expect((await app.api('DELETE', `/api/org-units/${unit('ghost')}`)).status).toBe(404);
});

test('a unit something refers to cannot be removed: units below it, its cases, its accounts', async () => {
  const parent = unit('parent');
  const withCase = unit('cased');
  const withAccount = unit('staffed');
  for (const id of [parent, withCase, withAccount]) await app.api('POST', '/api/org-units', { id, parentId: 'xuyi', name: { zh: id, en: id } });
  await app.api('POST', '/api/org-units', { id: unit('kid'), parentId: parent, name: { zh: '子', en: 'Kid' } });
  const key = uniqueKey('unit-case');
  await publish(app, chain(key, [{ id: 'start', type: 'start' }, { id: 'wait', type: 'event', event: 'go' }, { id: 'end', type: 'end' }]));
  const started = await app.api('POST', '/api/cases', { processKey: key, input: {}, orgUnit: withCase });
  expect(started.status).toBe(201);
  await app.as(`staff-${suffix}`, { roles: ['operator'], orgUnits: [withAccount] }).api('GET', '/api/org-units');

  for (const [id, what] of [[parent, 'org_units'], [withCase, 'cases'], [withAccount, 'users']]) {
    const res = await app.api('DELETE', `/api/org-units/${id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('org_unit_in_use');
    expect(res.body.error.message).toContain(what);
  }
  expect(find(await tree(), withCase)).toBeDefined();
  await app.api('POST', `/api/cases/${started.body.caseId}/cancel`);
});
