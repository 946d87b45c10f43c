import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../engine/config';
import { uniqueKey, useTestApp } from '../support/app';
import { chain, publish, startCase, waitFor } from '../support/processes';

const app = useTestApp({ payloadKey: randomBytes(32).toString('base64'), seed: false });

test('with PAYLOAD_ENCRYPTION_KEY, Temporal stores no personal data in clear, and the case still runs', async () => {
  const key = uniqueKey('secret');
  await publish(
    app,
    chain(key, [
      { id: 'start', type: 'start' },
      { id: 'note', type: 'activity', activity: 'log', input: { message: "'arrived: ' & person.name" } },
      { id: 'copy', type: 'assign', assign: { idCopy: 'person.idNumber' } },
      { id: 'end', type: 'end' },
    ]),
  );
  const idNumber = '320102198001011234';
  const id = await startCase(app, key, { person: { name: '王小明', idNumber } });
  const s = await waitFor(app, id, 'completed');
  expect(s.variables.idCopy).toBe(idNumber);

  // The suite's own client has no key: it sees what Temporal stores.
  const raw = JSON.stringify(await app.client.workflow.getHandle(id).fetchHistory());
  expect(raw).not.toContain(idNumber);
  expect(raw).not.toContain(Buffer.from(idNumber).toString('base64').slice(0, 16));
  expect(raw).toContain(Buffer.from('binary/encrypted').toString('base64'));
});

test('a key that is not 32 bytes of base64 is refused without echoing it', () => {
  expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEY: 'short-secret' })).toThrow(/PAYLOAD_ENCRYPTION_KEY must be 32 bytes in base64/);
  expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEY: 'short-secret' })).not.toThrow(/short-secret/);
});
