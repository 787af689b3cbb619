import { and, eq } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { idempotencyKeys } from '../schema.js';

export type IdempotencyClaim =
  | { readonly status: 'claimed' }
  | { readonly status: 'replay'; readonly response: unknown }
  | { readonly status: 'mismatch' };

/**
 * Claims `key` for `principalId` inside the caller's transaction. A concurrent request with
 * the same key waits on the row until the first commits, then replays its response; if the
 * first rolls back, the key is free again. The response is filled in by `completeIdempotencyKey`.
 */
export async function claimIdempotencyKey(
  tx: Executor,
  principalId: string,
  key: string,
  requestHash: string,
): Promise<IdempotencyClaim> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ principalId, key, requestHash, response: { pending: true } })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { status: 'claimed' };
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
