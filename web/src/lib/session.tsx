import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, csrf } from '../api/client.js';
import type { UserDto } from '../api/types.js';

type Session = {
  readonly user: UserDto;
  readonly signOut: () => Promise<void>;
};

type SessionState =
  | { readonly status: 'checking' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly user: UserDto };

const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only used under <SessionGate>, which renders sign-in otherwise. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in SessionGate');
  return session;
}

/**
 * Asks the server who is signed in (the session cookie is HttpOnly, so the page cannot tell)
 * and renders either the sign-in screen or the app.
 */
export function SessionGate({
  signIn,
  children,
}: {
  signIn: (onSignedIn: (user: UserDto) => void) => ReactNode;
  children: ReactNode;
}) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  useEffect(() => {
    // A session cookie without the CSRF token of this tab cannot write, so a tab that lost the
    // token (a new tab) signs in again rather than failing on its first change.
    api.me().then(
      ({ user }) => setState(csrf.get() === null ? { status: 'signed-out' } : { status: 'signed-in', user }),
      () => setState({ status: 'signed-out' }),
    );
  }, []);
  const signOut = useCallback(async () => {
    await api.signOut().catch(() => undefined);
    csrf.set(null);
    setState({ status: 'signed-out' });
  }, []);
  if (state.status === 'checking') return null;
  if (state.status === 'signed-out') return <>{signIn((user) => setState({ status: 'signed-in', user }))}</>;
  return <SessionContext.Provider value={{ user: state.user, signOut }}>{children}</SessionContext.Provider>;
}
