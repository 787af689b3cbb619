import { eq } from 'drizzle-orm';
import type { Store } from '../../store/database.js';
import { findUserByApiTokenHash, findUserBySessionHash } from '../../store/repositories/users.js';
import { sessions } from '../../store/schema.js';
import type { Principal } from '../context.js';
import { principalFromUser } from './principal.js';
import { secretHash } from './secrets.js';

/** The principal behind a session cookie, with the CSRF token writes must echo; undefined if none. */
export async function authenticateSession(
  store: Store,
  sessionToken: string,
): Promise<{ principal: Principal; csrfToken: string } | undefined> {
  const row = await store.read((db) => findUserBySessionHash(db, secretHash(sessionToken), new Date()));
  const principal = row ? principalFromUser(row, 'session') : undefined;
  return row && principal ? { principal, csrfToken: row.csrfToken } : undefined;
}

/** The principal behind an API token (not revoked, not expired); undefined if none. */
export async function authenticateApiToken(store: Store, token: string): Promise<Principal | undefined> {
  const row = await store.read((db) => findUserByApiTokenHash(db, secretHash(token), new Date()));
  return row ? principalFromUser(row, 'api_token', row.tokenId) : undefined;
}

export async function signOut(store: Store, sessionToken: string): Promise<void> {
  await store.transaction((tx) =>
    tx.delete(sessions).where(eq(sessions.tokenHash, secretHash(sessionToken))),
  );
}
