import { ConfigError, loadConfig } from '../config';

const oidc = { OIDC_ISSUER: 'https://sso.example.gov.cn/realms/epi', OIDC_CLIENT_ID: 'epi-flow', OIDC_REDIRECT_URL: 'https://epi.example.gov.cn/api/auth/oidc/callback' };
const problem = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
};

describe('the auth configuration', () => {
  test('defaults: 30 min idle, 12 h sessions, 5 failures lock for 15 min, 20 per address, no single sign-on', () => {
    expect(loadConfig({}).auth).toEqual({
      adminPassword: undefined,
      session: { idleSeconds: 1800, maxSeconds: 43_200, secureCookie: false },
      login: { maxFailures: 5, lockSeconds: 900, addressMaxFailures: 20 },
    });
  });

  test('single sign-on: the group map parsed, roles and units per group', () => {
    const { auth } = loadConfig({ ...oidc, OIDC_CLIENT_SECRET: 's', OIDC_GROUP_MAP: '{"qjp": {"roles": ["operator"], "orgUnits": ["qingjiangpu"]}, "all": {"roles": ["auditor"]}}' });
    expect(auth.oidc).toMatchObject({ clientId: 'epi-flow', clientSecret: 's', groupsClaim: 'groups', scopes: 'openid profile email', groupMap: { qjp: { roles: ['operator'], orgUnits: ['qingjiangpu'] }, all: { roles: ['auditor'], orgUnits: [] } } });
  });

  test.each([
    [{ OIDC_ISSUER: oidc.OIDC_ISSUER }, 'single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URL together'],
    [{ ...oidc, OIDC_ISSUER: 'http://sso.example.gov.cn' }, "OIDC_ISSUER must be https:// (plain http only for a provider on this machine), got 'http://sso.example.gov.cn/'"],
    [{ ...oidc, OIDC_GROUP_MAP: '{nope' }, /^OIDC_GROUP_MAP must be JSON/],
    [{ ...oidc, OIDC_GROUP_MAP: '{"g": {"roles": ["root"]}}' }, /^OIDC_GROUP_MAP: at g\.roles\.0: /],
    [{ SESSION_IDLE_SECONDS: '7200', SESSION_MAX_SECONDS: '3600' }, 'SESSION_IDLE_SECONDS (7200) must not exceed SESSION_MAX_SECONDS (3600)'],
    [{ TRUST_PROXY: 'everyone' }, "TRUST_PROXY must be a number of proxy hops or comma-separated proxy addresses or subnets (loopback, uniquelocal, 10.0.0.0/8…), got 'everyone'"],
    [{ ADMIN_PASSWORD: 'admin-password-2024' }, /^ADMIN_PASSWORD must be 12-256 characters and not contain 'admin'; the value given is not \(not shown/],
  ])('%j is refused with one line', (env, message) => {
    expect(problem(env as Record<string, string>)).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });

  test('TRUST_PROXY: hops as a number, addresses as given', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(loadConfig({}).trustProxy).toBeUndefined();
  });
});
