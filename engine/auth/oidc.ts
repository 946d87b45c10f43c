/**
 * Single sign-on with OpenID Connect (openid-client): the authorization code flow with PKCE,
 * state and nonce. The sign-in under way is kept in the database (oidc_logins, ten minutes), so
 * the callback may reach any API process. On return the account is provisioned or updated from
 * the claims: its roles and org units are the union of what OIDC_GROUP_MAP gives its groups,
 * refreshed at every sign-in, so the identity provider stays the one place they are managed. An
 * account is matched by issuer and subject, never by username, so nobody at the provider can
 * take over a local account by naming themselves after it.
 */
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { DataSource } from 'typeorm';
import { UserError } from '../errors';
import type { Logger } from '../logger';
import { auditAccess } from './audit-trail';
import type { OidcConfig } from './auth-config';
import { grantsOf, groupsOf } from './group-grants';
import type { SessionService } from './sessions';
import { USERNAME, type Account, type UserService } from './users';

/** How long a sign-in may take at the provider. */
const LOGIN_TTL_SECONDS = 600;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export class OidcSignOn {
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    readonly config: OidcConfig,
    private readonly db: DataSource,
    private readonly users: UserService,
    private readonly sessions: SessionService,
    private readonly log: Logger,
  ) {}

  /** The provider's metadata, discovered once (again after a failure: the provider may have been down). */
  private provider(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.config;
    // Plain HTTP only to a provider on this machine (a development or test provider).
    const execute = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) ? [oidc.allowInsecureRequests] : [];
    this.configuration ??= oidc.discovery(issuer, clientId, clientSecret, clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(), { execute }).catch((err: Error) => {
      this.configuration = undefined;
      this.log.warn({ issuer: issuer.href, err: err.message }, 'OpenID provider discovery failed');
      throw new UserError(503, 'oidc_unavailable', 'the sign-on provider cannot be reached; retry shortly');
    });
    return this.configuration;
  }

  /** Starts a sign-in: answers the provider's authorization URL to send the browser to. */
  async start(): Promise<URL> {
    const provider = await this.provider();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.db.query(`DELETE FROM oidc_logins WHERE created_at < now() - make_interval(secs => $1::double precision)`, [LOGIN_TTL_SECONDS]);
    await this.db.query(`INSERT INTO oidc_logins (state, code_verifier, nonce) VALUES ($1, $2, $3)`, [state, verifier, nonce]);
    return oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.config.redirectUrl.href,
      scope: this.config.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** Finishes a sign-in from the callback's query: the account (made or updated) and a new session. */
  async finish(query: Record<string, string>): Promise<{ user: Account; session: { id: string; csrfToken: string } }> {
    if (query.error) throw new UserError(401, 'oidc_refused', `the sign-on provider refused: ${query.error}${query.error_description ? ` (${query.error_description})` : ''}`);
    const [login]: { code_verifier: string; nonce: string }[] = await this.db.query(
      `WITH taken AS (DELETE FROM oidc_logins WHERE state = $1 RETURNING *) SELECT * FROM taken WHERE created_at > now() - make_interval(secs => $2::double precision)`,
      [query.state ?? '', LOGIN_TTL_SECONDS],
    );
    if (!login) throw new UserError(400, 'oidc_state', 'this sign-in is unknown or took too long: start again');
    const provider = await this.provider();
    const current = new URL(this.config.redirectUrl);
    current.search = new URLSearchParams(query).toString();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, current, { pkceCodeVerifier: login.code_verifier, expectedState: query.state, expectedNonce: login.nonce, idTokenExpected: true });
      claims = { ...tokens.claims()! };
      if (!(this.config.groupsClaim in claims) && tokens.access_token) claims = { ...(await oidc.fetchUserInfo(provider, tokens.access_token, String(claims.sub))), ...claims };
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'OpenID sign-in failed at the code exchange');
      throw new UserError(401, 'oidc_failed', 'the sign-on provider did not confirm this sign-in: start again');
    }
    const user = await this.provision(claims);
    const session = await this.sessions.open(user.id);
    await auditAccess(this.db, { actor: user.username, action: 'sign_in', kind: 'session', key: user.username, detail: { via: 'oidc', roles: user.roles, orgUnits: user.orgUnits } });
    this.log.info({ username: user.username }, 'signed in through single sign-on');
    return { user, session };
  }

  /** The account of these claims, made or brought up to date with what its groups give. */
  private async provision(claims: Record<string, unknown>): Promise<Account> {
    const subject = `${this.config.issuer.href}|${String(claims.sub)}`;
    // The provider's groups give roles and units through the map, and are the account's work groups as they are (a task's group names one).
    const groups = groupsOf(claims[this.config.groupsClaim]);
    const { roles, orgUnits } = grantsOf(groups, this.config.groupMap);
    const existing = await this.users.find({ oidcSubject: subject });
    if (existing?.disabled) throw new UserError(403, 'account_disabled', 'this account is disabled here');
    if (roles.length === 0) {
      this.log.warn({ subject: createHash('sha256').update(subject).digest('hex').slice(0, 12) }, 'single sign-on refused: no mapped group');
      throw new UserError(403, 'no_role', 'your groups at the sign-on provider give no role here; ask an administrator');
    }
    const displayName = typeof claims.name === 'string' ? claims.name.slice(0, 200) : '';
    if (existing) return this.users.update(existing.id, { roles, orgUnits, groups, displayName }, 'oidc');
    return this.users.create({ username: await this.freeUsername(claims, subject), roles, orgUnits, groups, displayName, oidcSubject: subject }, 'oidc');
  }

  /** The provider's username for the account, or, when a local account has it, that name with a suffix of the subject's hash. */
  private async freeUsername(claims: Record<string, unknown>, subject: string): Promise<string> {
    const wanted = [claims.preferred_username, claims.email, claims.sub].map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : '')).find((v) => USERNAME.test(v));
    const suffix = createHash('sha256').update(subject).digest('hex').slice(0, 8);
    const name = wanted ?? `sso-${suffix}`;
    return (await this.users.find({ username: name })) ? `${name.slice(0, 55)}.${suffix}` : name;
  }
}
