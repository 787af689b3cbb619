import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { apiTokens, sessions } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';

/** Deletes every session of a user inside the caller's transaction; returns how many ended. */
export async function deleteSessionsOf(tx: Executor, userId: string): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ h: sessions.tokenHash });
  return rows.length;
}

/** Revokes every live API token of a user inside the caller's transaction; returns how many. */
export async function revokeTokensOf(tx: Executor, userId: string, at: Date): Promise<number> {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** Sign out everywhere: ends all of the caller's sessions (every browser), recorded in the ledger. */
export async function signOutEverywhere({ ctx }: { ctx: ServiceCtx }): Promise<{ sessions: number }> {
  requirePermission(ctx, 'session.revoke_all');
  const now = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const count = await deleteSessionsOf(tx, ctx.principal.userId);
    await appendAudit(tx, ledgerWriter(ctx, now), [
      { type: 'session.revoked_all', userId: ctx.principal.userId, sessions: count },
    ]);
    return { sessions: count };
  });
}
