/**
 * A real OpenID provider (the oidc-provider package, with its development login and consent
 * pages) in a worker thread of the test process: plain ESM there, out of reach of the test
 * runner's CommonJS loader. workerData: { clientId, clientSecret, redirectUri, accounts } where
 * accounts maps a login to its claims. Posts { issuer } once it listens; a message
 * { login, claims } changes an account (as an administrator at the provider would), 'stop' stops it.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import Provider from 'oidc-provider';

const { clientId, clientSecret, redirectUri, accounts } = workerData;
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' }],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
  findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined),
  pkce: { required: () => true },
  cookies: { keys: ['a key for the test provider only'] },
  features: { devInteractions: { enabled: true } },
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
});
server.on('request', provider.callback());
parentPort.postMessage({ issuer });
parentPort.on('message', (m) => {
  if (m === 'stop') server.close(() => parentPort.close());
  else accounts[m.login] = m.claims;
});
