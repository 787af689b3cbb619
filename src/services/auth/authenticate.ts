import { and, eq } from 'drizzle-orm';
import { batchWhileBusy } from '../../lib/batch-while-busy.js';
import type { Store } from '../../store/database.js';
import { perStore } from '../../store/per-store.js';
import { findUserBySessionHash, findUsersByApiTokenHashes } from '../../store/repositories/users.js';
import { sessions } from '../../store/schema.js';
import type { Principal } from '../context.js';
import { principalFromUser } from './principal.js';
import { secretHash } from './secrets.js';
import { LAST_SEEN_GRANULARITY_MS, sessionPolicy } from './session-policy.js';

/**
 * The principal behind a session cookie, with the CSRF token writes must echo; undefined if
 * none, expired (absolute), idle too long, or the user is deactivated. Use refreshes last_seen_at.
 */
export async function authenticateSession(
  store: Store,
  sessionToken: string,
  now: Date = new Date(),
): Promise<{ principal: Principal; csrfToken: string } | undefined> {
  const hash = secretHash(sessionToken);
  const idleSince = new Date(now.getTime() - sessionPolicy().idleMs);
  const row = await store.read((db) => findUserBySessionHash(db, hash, now, idleSince));
  const principal = row ? principalFromUser(row, 'session') : undefined;
  if (!row || !principal) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_GRANULARITY_MS) {
    await store.read((db) =>
      db
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(and(eq(sessions.tokenHash, hash))),
    );
  }
  return { principal, csrfToken: row.csrfToken };
}

/** The principal behind an API token (not revoked, not expired, user active); undefined if none. */
export async function authenticateApiToken(
  store: Store,
  token: string,
  now: Date = new Date(),
): Promise<Principal | undefined> {
  const row = await tokenLookupOf(store)(secretHash(token));
  if (row === undefined || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
  return principalFromUser(row, 'api_token', row.tokenId, row.scope);
}

/**
 * Every API request starts with this lookup: requests arriving while one is in flight are
 * looked up together, one query for the batch (batch-while-busy.ts). Fresh per request, no cache:
 * a revoked token stops working at once on every server.
 */
const tokenLookupOf = perStore((store) =>
  batchWhileBusy(
    async (hashes: readonly string[]) => {
      const found = await store.read((db) => findUsersByApiTokenHashes(db, [...new Set(hashes)]));
      return hashes.map((hash) => ({ ok: true, value: found.get(hash) }) as const);
    },
    { maxInFlight: 1, maxBatch: 128 },
  ),
);

export async function signOut(store: Store, sessionToken: string): Promise<void> {
  await store.transaction((tx) =>
    tx.delete(sessions).where(eq(sessions.tokenHash, secretHash(sessionToken))),
  );
}
