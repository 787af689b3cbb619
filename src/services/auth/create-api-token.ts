import { randomUUID } from 'node:crypto';
import type { TokenScope } from '../../domain/permissions.js';
import { appendAudit } from '../../store/ledger.js';
import { apiTokens } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { newSecret, secretHash } from './secrets.js';

export type CreateApiTokenInput = {
  readonly name: string;
  readonly expiresInDays?: number | undefined;
  /** Defaults to read_write (the CLI submits); integrations that only read should ask for `read`. */
  readonly scope?: TokenScope | undefined;
};
export type CreatedApiToken = {
  readonly id: string;
  readonly name: string;
  /** Shown once: only its hash is kept. */
  readonly token: string;
  readonly expiresAt: string | null;
  readonly scope: TokenScope;
};

/** Issues an API token acting as the calling user (for the CLI and integrations). */
export async function createApiToken({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: CreateApiTokenInput;
}): Promise<CreatedApiToken> {
  requirePermission(ctx, 'token.create');
  // A token cannot mint a broader one than itself.
  const scope: TokenScope = ctx.principal.scope === 'read' ? 'read' : (input.scope ?? 'read_write');
  const id = randomUUID();
  const token = newSecret('cft');
  const now = nowOf(ctx);
  const expiresAt =
    input.expiresInDays === undefined ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000);
  await ctx.store.transaction(async (tx) => {
    await tx.insert(apiTokens).values({
      id,
      userId: ctx.principal.userId,
      name: input.name,
      tokenHash: secretHash(token),
      expiresAt,
      scope,
    });
    await appendAudit(tx, ledgerWriter(ctx, now), [
      { type: 'api_token.created', tokenId: id, userId: ctx.principal.userId, name: input.name, scope },
    ]);
  });
  return { id, name: input.name, token, expiresAt: expiresAt?.toISOString() ?? null, scope };
}
