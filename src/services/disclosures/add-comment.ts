import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../store/ledger.js';
import { findVisibleDisclosure } from '../../store/repositories/disclosures.js';
import { comments } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type Idempotent, onceForKey } from '../idempotency.js';
import { notFound } from './find-locked.js';
import type { CommentView } from './read-disclosures.js';

export type AddCommentInput = {
  readonly disclosureId: string;
  readonly body: string;
  readonly idempotencyKey?: string | undefined;
};

/** A comment on a disclosure; the ledger records that it was made, not its text. */
export async function addComment({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: AddCommentInput;
}): Promise<Idempotent<CommentView>> {
  requirePermission(ctx, 'disclosure.comment');
  const at = nowOf(ctx);
  return ctx.store.transaction((tx) =>
    onceForKey(tx, ctx, input.idempotencyKey, { operation: 'comment.add', body: input }, async () => {
      const row = await findVisibleDisclosure(tx, ctx.principal, input.disclosureId);
      if (row === undefined) throw notFound(input.disclosureId);
      const id = randomUUID();
      await tx.insert(comments).values({
        id,
        disclosureId: row.id,
        authorId: ctx.principal.userId,
        body: input.body,
        createdAt: at,
      });
      await appendAudit(tx, ledgerWriter(ctx, at), [
        { type: 'comment.added', commentId: id, disclosureId: row.id },
      ]);
      return { id, authorId: ctx.principal.userId, body: input.body, createdAt: at.toISOString() };
    }),
  );
}
