import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { idempotencyKeys } from '../schema.js';

export type IdempotencyClaim =
  | { readonly status: 'claimed' }
  | { readonly status: 'replay'; readonly response: unknown }
  | { readonly status: 'mismatch' };

/**
 * Claims `key` for `principalId` inside the caller's transaction, stamped `at`. A key stamped
 * before `expiredBefore` counts as never used: the claim takes it over in the same statement
 * (new request hash, new time), so an expired key is neither replayed nor refused. A
 * concurrent request with the same key waits on the row until the first commits, then
 * replays its response; if the first rolls back, the key is free again. The response is
 * filled in by `completeIdempotencyKey`.
 */
export async function claimIdempotencyKey(
  tx: Executor,
  claim: {
    readonly principalId: string;
    readonly key: string;
    readonly requestHash: string;
    readonly at: Date;
    readonly expiredBefore: Date;
  },
): Promise<IdempotencyClaim> {
  const { principalId, key, requestHash, at, expiredBefore } = claim;
  const pending = { pending: true };
  const taken = await tx
    .insert(idempotencyKeys)
    .values({ principalId, key, requestHash, response: pending, createdAt: at })
    .onConflictDoUpdate({
      target: [idempotencyKeys.principalId, idempotencyKeys.key],
      set: { requestHash, response: pending, createdAt: at },
      setWhere: lt(idempotencyKeys.createdAt, expiredBefore),
    })
    .returning({ key: idempotencyKeys.key });
  if (taken.length > 0) return { status: 'claimed' };
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key)));
  if (existing === undefined) return { status: 'claimed' };
  if (existing.requestHash !== requestHash) return { status: 'mismatch' };
  return { status: 'replay', response: existing.response };
}

export async function completeIdempotencyKey(
  tx: Executor,
  principalId: string,
  key: string,
  response: unknown,
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ response })
    .where(and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key)));
}

/** Deletes keys stamped before `expiredBefore`; returns how many went. */
export async function purgeIdempotencyKeys(db: Executor, expiredBefore: Date): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, expiredBefore))
    .returning({ one: sql<number>`1` });
  return gone.length;
}
