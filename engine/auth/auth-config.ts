/** The configuration of accounts, sessions, sign-in limits and single sign-on, from the environment (read in engine/config.ts). */
import { z } from 'zod';
import { ROLE_NAMES, type RoleName } from './permissions';

/** What an identity provider's group gives its members. */
export interface GroupGrant {
  roles: RoleName[];
  orgUnits: string[];
}

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret?: string;
  redirectUrl: URL;
  scopes: string;
  /** The ID token / userinfo claim that lists the user's groups. */
  groupsClaim: string;
  /** Group name → roles and org units; a user gets the union over their groups. */
  groupMap: Record<string, GroupGrant>;
}

export interface AuthConfig {
  /** The first administrator's password; unset: a random one, printed once. */
  adminPassword?: string;
  session: { idleSeconds: number; maxSeconds: number; secureCookie: boolean };
  login: { maxFailures: number; lockSeconds: number; addressMaxFailures: number };
  /** Single sign-on; unset: local accounts only. */
  oidc?: OidcConfig;
}

/** The environment variables read here, already checked one by one. */
export interface AuthEnv {
  ADMIN_PASSWORD?: string;
  SESSION_IDLE_SECONDS: number;
  SESSION_MAX_SECONDS: number;
  SESSION_COOKIE_SECURE: 'true' | 'false';
  LOGIN_MAX_FAILURES: number;
  LOGIN_LOCK_SECONDS: number;
  LOGIN_ADDRESS_MAX_FAILURES: number;
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  OIDC_REDIRECT_URL?: string;
  OIDC_SCOPES: string;
  OIDC_GROUPS_CLAIM: string;
  OIDC_GROUP_MAP: string;
}

const groupMap = z.record(z.string().min(1), z.object({ roles: z.array(z.enum(ROLE_NAMES)).default([]), orgUnits: z.array(z.string().min(1)).default([]) }).strict());

/** The auth configuration, or one line saying what is wrong. */
export function authConfig(e: AuthEnv): AuthConfig | string {
  if (e.SESSION_IDLE_SECONDS > e.SESSION_MAX_SECONDS) return `SESSION_IDLE_SECONDS (${e.SESSION_IDLE_SECONDS}) must not exceed SESSION_MAX_SECONDS (${e.SESSION_MAX_SECONDS})`;
  const base = {
    adminPassword: e.ADMIN_PASSWORD,
    session: { idleSeconds: e.SESSION_IDLE_SECONDS, maxSeconds: e.SESSION_MAX_SECONDS, secureCookie: e.SESSION_COOKIE_SECURE === 'true' },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockSeconds: e.LOGIN_LOCK_SECONDS, addressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES },
  };
  const named = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_REDIRECT_URL];
  if (named.every((v) => v === undefined)) return base;
  if (named.some((v) => v === undefined)) return 'single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URL together';
  let map: unknown;
  try {
    map = JSON.parse(e.OIDC_GROUP_MAP);
  } catch {
    return `OIDC_GROUP_MAP must be JSON, e.g. {"epi-admins": {"roles": ["admin"]}, "qjp-staff": {"roles": ["operator"], "orgUnits": ["qingjiangpu"]}}`;
  }
  const parsed = groupMap.safeParse(map);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return `OIDC_GROUP_MAP: at ${i.path.join('.') || 'the top'}: ${i.message} (expected {"<group>": {"roles": [${ROLE_NAMES.map((r) => `"${r}"`).join(', ')}], "orgUnits": ["<id>"]}})`;
  }
  const issuer = new URL(e.OIDC_ISSUER!);
  if (issuer.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)) return `OIDC_ISSUER must be https:// (plain http only for a provider on this machine), got '${issuer.href}'`;
  return {
    ...base,
    oidc: {
      issuer,
      clientId: e.OIDC_CLIENT_ID!,
      clientSecret: e.OIDC_CLIENT_SECRET,
      redirectUrl: new URL(e.OIDC_REDIRECT_URL!),
      scopes: e.OIDC_SCOPES,
      groupsClaim: e.OIDC_GROUPS_CLAIM,
      groupMap: parsed.data,
    },
  };
}
