import { and, desc, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/ledger.js';
import { apiTokens } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';

export type ApiTokenSummary = {
  readonly id: string;
  readonly name: string;
  readonly scope: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
};

/** The caller's own tokens, newest first: names and dates, never the secret (it was shown once). */
export async function listApiTokens({ ctx }: { ctx: ServiceCtx }): Promise<ApiTokenSummary[]> {
  requirePermission(ctx, 'token.read');
  const rows = await ctx.store.read((db) =>
    db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.userId, ctx.principal.userId))
      .orderBy(desc(apiTokens.createdAt)),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/**
 * Revokes one of the caller's own tokens at once. Another user's token id answers NOT_FOUND,
 * exactly like a missing one: the query is scoped to the caller.
 */
export async function revokeApiToken({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly tokenId: string };
}): Promise<void> {
  requirePermission(ctx, 'token.revoke');
  const now = nowOf(ctx);
  await ctx.store.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(apiTokens.id, input.tokenId),
          eq(apiTokens.userId, ctx.principal.userId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id });
    if (row === undefined) {
      throw new AppError('NOT_FOUND', `No live API token ${input.tokenId} of yours.`, {
        tokenId: input.tokenId,
      });
    }
    await appendAudit(tx, ledgerWriter(ctx, now), [
      { type: 'api_token.revoked', tokenId: input.tokenId, userId: ctx.principal.userId },
    ]);
  });
}
