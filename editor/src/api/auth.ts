/** Signing in and out, and who is signed in (POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me). */
import { request } from './client';

/** The signed-in account as the API shows it. */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnits: string[];
  locale: 'zh-CN' | 'en';
}

/** GET /api/auth/me: the account, what it may do, and (signed in with a session) the CSRF token for writes. */
export interface Me {
  user: Account;
  permissions: string[];
  via: 'session' | 'token';
  csrfToken?: string;
}

export const signInRequest = (username: string, password: string) => request<{ user: Account; csrfToken: string }>('POST', '/auth/login', { username, password });
export const signOutRequest = () => request<unknown>('POST', '/auth/logout');
export const fetchMe = () => request<Me>('GET', '/auth/me');
