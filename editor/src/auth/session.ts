/**
 * Who is signed in, and what they may do. The app starts by asking the API (GET /api/auth/me);
 * a 401 from any request afterwards marks the session expired, which brings the sign-in page up
 * over the screen (its unsaved work kept for the same user). Screens and buttons ask `useCan`.
 */
import { create } from 'zustand';
import { fetchMe, signInRequest, signOutRequest, type Account } from '../api/auth';
import { setCsrfToken, whenUnauthenticated } from '../api/client';

export type SessionStatus = 'loading' | 'signedOut' | 'expired' | 'signedIn';

interface SessionState {
  status: SessionStatus;
  user: Account | null;
  permissions: ReadonlySet<string>;
  /** Asks the API who is signed in (at start). */
  load(): Promise<void>;
  /** Signs in; throws the API's error (wrong password, locked...) for the sign-in page to show. */
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const none: ReadonlySet<string> = new Set();

export const useSession = create<SessionState>()((set, get) => ({
  status: 'loading',
  user: null,
  permissions: none,
  load: async () => {
    try {
      const me = await fetchMe();
      setCsrfToken(me.csrfToken ?? null);
      set({ status: 'signedIn', user: me.user, permissions: new Set(me.permissions) });
    } catch {
      set({ status: 'signedOut', user: null, permissions: none });
    }
  },
  signIn: async (username, password) => {
    const previous = get().user;
    const { user, csrfToken } = await signInRequest(username, password);
    setCsrfToken(csrfToken);
    if (previous && previous.id !== user.id) {
      // Someone else took over an expired session's screen: nothing of the previous user's may stay in memory.
      window.location.reload();
      return;
    }
    const me = await fetchMe();
    set({ status: 'signedIn', user: me.user, permissions: new Set(me.permissions) });
  },
  signOut: async () => {
    await signOutRequest().catch(() => undefined);
    setCsrfToken(null);
    // A fresh page holds nothing of the session (cases, drafts, caches): the next person at this screen starts clean.
    window.location.hash = '#/';
    window.location.reload();
  },
}));

whenUnauthenticated(() => {
  setCsrfToken(null);
  // What the user may do stays known, so the screen under the sign-in page (and its unsaved work) stays mounted.
  if (useSession.getState().status === 'signedIn') useSession.setState({ status: 'expired' });
});

/** Whether the signed-in user holds `permission` (named as the API names it, e.g. `case.read`). */
export function useCan(): (permission: string) => boolean {
  const permissions = useSession((s) => s.permissions);
  return (permission) => permissions.has(permission);
}
