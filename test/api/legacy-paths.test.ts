/** The former /api/instances paths answer as before for one release, marked deprecated. */
import { eventually, uniqueKey, useTestApp } from '../support/app';
import { publish, taskProcess } from '../support/processes';

const app = useTestApp({ seed: false });

test('/api/instances is a deprecated alias of /api/cases: same answers, a Deprecation header and a link to the new path', async () => {
  const key = uniqueKey('legacy');
  await publish(app, taskProcess(key));
  const started = await app.api('POST', '/api/instances', { processKey: key, input: {} });
  expect(started.status).toBe(201);
  expect(started.headers.get('deprecation')).toBe('true');
  expect(started.headers.get('link')).toBe('</api/cases>; rel="successor-version"');
  const id = started.body.caseId;

  const old = await app.api('GET', `/api/instances/${id}`);
  const now = await app.api('GET', `/api/cases/${id}`);
  expect(old.status).toBe(200);
  expect(old.body.caseId).toBe(id);
  expect(old.headers.get('link')).toBe(`</api/cases/${id}>; rel="successor-version"`);
  expect(now.headers.get('deprecation')).toBeNull();

  const viaOldParam = await eventually(async () => {
    const r = await app.api('GET', `/api/tasks?instanceId=${id}`);
    return r.body.length ? r : undefined;
  });
  expect(viaOldParam.body[0].caseId).toBe(id);

  const doc = (await app.api('GET', '/api/openapi.json')).body;
  expect(doc.paths['/api/instances/{id}'].get.deprecated).toBe(true);
  expect(doc.paths['/api/cases/{id}'].get.deprecated).toBeUndefined();
});
