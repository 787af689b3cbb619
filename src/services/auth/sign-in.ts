import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../store/database.js';
import { findUserByEmail } from '../../store/repositories/users.js';
import { sessions } from '../../store/schema.js';
import type { Principal } from '../context.js';
import { principalFromUser } from './principal.js';
import { dummyPasswordHash, newSecret, secretHash, verifyPassword } from './secrets.js';

/** Sessions end after this long whatever happens; issue 4 adds idle timeouts and rotation rules. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type SignInInput = { readonly email: string; readonly password: string };
export type SignInResult = {
  readonly principal: Principal;
  /** The cookie value; stored only as its hash. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
};

/**
 * Password sign-in. Unknown email and wrong password fail alike (same message, same
 * argon2 work), so the answer does not reveal which accounts exist.
 */
export async function signIn({ store, input }: { store: Store; input: SignInInput }): Promise<SignInResult> {
  const user = await store.transaction((tx) => findUserByEmail(tx, input.email));
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const principal = user !== undefined && matches ? principalFromUser(user, 'session') : undefined;
  if (principal === undefined) {
    throw new AppError('UNAUTHENTICATED', 'Email or password is wrong, or the account is inactive.');
  }
  const sessionToken = newSecret('cfs');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await store.transaction((tx) =>
    tx
      .insert(sessions)
      .values({ tokenHash: secretHash(sessionToken), userId: principal.userId, csrfToken, expiresAt }),
  );
  return { principal, sessionToken, csrfToken, expiresAt };
}
