// Who is signed in. The session itself is an HttpOnly cookie the console cannot read; this context
// only holds the user the server reported (/auth/me or the login answer), including the
// permissions that decide which menu items and buttons are shown. The server still checks each call.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler } from './api';
import type { CurrentUser } from './types';

interface Auth {
  /** undefined while the first /auth/me is in flight; null when nobody is signed in. */
  user: CurrentUser | null | undefined;
  /**
   * True when the user signed out on purpose. Then the login page must not send the next person
   * back to the page the previous one was on; after an expired session it should.
   */
  signedOut: boolean;
  login: (username: string, password: string) => Promise<CurrentUser>;
  logout: () => Promise<void>;
  /** Asks the server again who is signed in (after a forced password change clears the flag). */
  refresh: () => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined);
  const [signedOut, setSignedOut] = useState(false);

  useEffect(() => {
    // Any 401 (expired or revoked session) drops the user; the route guard then shows /login.
    setUnauthorizedHandler(() => setUser(null));
    let cancelled = false;
    api
      .get<{ user: CurrentUser }>('/api/v1/auth/me')
      .then((res) => !cancelled && setUser(res.user))
      .catch(() => !cancelled && setUser(null));
    return () => {
      cancelled = true;
      setUnauthorizedHandler(null);
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<{ user: CurrentUser; token: string }>('/api/v1/auth/login', { username, password });
    // The token is for API clients; the browser session rides on the cookie set by the same answer.
    setSignedOut(false);
    setUser(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/v1/auth/logout');
    } finally {
      // Even if the server is unreachable, stop showing the signed-in console.
      setSignedOut(true);
      setUser(null);
    }
  }, []);

  const refresh = useCallback(async () => {
    const res = await api.get<{ user: CurrentUser }>('/api/v1/auth/me');
    setUser(res.user);
  }, []);

  // Until a password someone else chose is replaced, the server refuses everything but the change:
  // offer no page, menu item or button that would only meet that refusal.
  const can = useCallback((permission: string) => !!user && !user.mustChangePassword && user.permissions.includes(permission), [user]);

  const value = useMemo(() => ({ user, signedOut, login, logout, refresh, can }), [user, signedOut, login, logout, refresh, can]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
