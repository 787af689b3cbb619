import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { apiTokens, organisations, sessions, users } from '../schema.js';

/** A user with their organisation's kind: everything a principal is built from. */
export type UserWithOrg = {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly orgId: string;
  readonly orgKind: string;
  readonly orgName: string;
  readonly passwordHash: string | null;
  readonly active: boolean;
};

const userWithOrgColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  orgId: users.orgId,
  orgKind: organisations.kind,
  orgName: organisations.name,
  passwordHash: users.passwordHash,
  active: users.active,
};

export async function findUserByEmail(db: Executor, email: string): Promise<UserWithOrg | undefined> {
  const [row] = await db
    .select(userWithOrgColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row;
}

/** A live session: before its absolute expiry and used within `idleSince` (idle timeout). */
export async function findUserBySessionHash(
  db: Executor,
  tokenHash: string,
  now: Date,
  idleSince: Date = new Date(0),
): Promise<(UserWithOrg & { readonly csrfToken: string; readonly lastSeenAt: Date }) | undefined> {
  const [row] = await db
    .select({ ...userWithOrgColumns, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince)),
    );
  return row;
}

export type ApiTokenUser = UserWithOrg & {
  readonly tokenId: string;
  readonly scope: string;
  readonly expiresAt: Date | null;
};

/**
 * The unrevoked API tokens among `tokenHashes`, each with its user, by hash: one query for the
 * requests of a batch (see authenticate.ts). Expiry is left to the caller, whose clock it is.
 */
export async function findUsersByApiTokenHashes(
  db: Executor,
  tokenHashes: readonly string[],
): Promise<Map<string, ApiTokenUser>> {
  const rows = await db
    .select({
      ...userWithOrgColumns,
      tokenHash: apiTokens.tokenHash,
      tokenId: apiTokens.id,
      scope: apiTokens.scope,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(inArray(apiTokens.tokenHash, [...tokenHashes]), isNull(apiTokens.revokedAt)));
  return new Map(rows.map(({ tokenHash, ...row }) => [tokenHash, row]));
}

/** Which of `ids` are active users of one of `orgIds`. */
export async function findUsersInOrgs(
  db: Executor,
  ids: readonly string[],
  orgIds: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...ids]), inArray(users.orgId, [...orgIds]), eq(users.active, true)));
  return rows.map((r) => r.id);
}
