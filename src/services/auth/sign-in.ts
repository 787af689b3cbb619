import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../store/database.js';
import { findUserByEmail } from '../../store/repositories/users.js';
import { sessions } from '../../store/schema.js';
import type { Principal } from '../context.js';
import { principalFromUser } from './principal.js';
import { dummyPasswordHash, newSecret, secretHash, verifyPassword } from './secrets.js';
import { sessionPolicy } from './session-policy.js';
import { assertNotLocked, recordFailure, recordSuccess, throttleKeys } from './throttle.js';

/** The default absolute lifetime (SESSION_ABSOLUTE_HOURS overrides it; see session-policy.ts). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type SignInInput = { readonly email: string; readonly password: string };
export type SignInResult = {
  readonly principal: Principal;
  /** The cookie value; stored only as its hash. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
};

export const SIGN_IN_FAILED = 'Email or password is wrong, or the account is inactive.';

/**
 * Password sign-in. Unknown email and wrong password fail alike (same message, same
 * argon2 work, same throttling), so the answer does not reveal which accounts exist.
 * The session is rotated: a session the browser already carried (`previousSessionToken`) is
 * deleted, so a token planted before sign-in (session fixation) never becomes authenticated.
 */
export async function signIn({
  store,
  input,
  address,
  previousSessionToken,
  now = new Date(),
}: {
  store: Store;
  input: SignInInput;
  address?: string | undefined;
  previousSessionToken?: string | undefined;
  now?: Date;
}): Promise<SignInResult> {
  const keys = throttleKeys(input.email, address);
  await assertNotLocked(store, keys, now);
  const user = await store.transaction((tx) => findUserByEmail(tx, input.email));
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const principal = user !== undefined && matches ? principalFromUser(user, 'session') : undefined;
  if (principal === undefined) {
    await recordFailure(store, keys, now);
    throw new AppError('UNAUTHENTICATED', SIGN_IN_FAILED);
  }
  await recordSuccess(store, keys);
  return startSession(store, principal, now, previousSessionToken);
}

/**
 * Opens a session for an authenticated principal (password or SSO), deleting the one the browser
 * carried before, so a planted cookie never becomes authenticated (rotation).
 */
export async function startSession(
  store: Store,
  principal: Principal,
  now: Date,
  previousSessionToken?: string | undefined,
): Promise<SignInResult> {
  const sessionToken = newSecret('cfs');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + sessionPolicy().absoluteMs);
  await store.transaction(async (tx) => {
    if (previousSessionToken !== undefined) {
      await tx.delete(sessions).where(eq(sessions.tokenHash, secretHash(previousSessionToken)));
    }
    await tx.insert(sessions).values({
      tokenHash: secretHash(sessionToken),
      userId: principal.userId,
      csrfToken,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
    });
  });
  return { principal, sessionToken, csrfToken, expiresAt };
}
