import { and, eq } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/ledger.js';
import { findVisibleDisclosure } from '../../store/repositories/disclosures.js';
import { approvals, conditions } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type DisclosureView, loadDisclosureView } from './disclosure-view.js';

export type CompleteConditionInput = { readonly conditionId: string };

/**
 * Marks a condition of the approval in force as done. Completing a done condition again
 * changes nothing and records nothing; a condition of a voided approval cannot be completed.
 */
export async function completeCondition({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: CompleteConditionInput;
}): Promise<DisclosureView> {
  requirePermission(ctx, 'condition.complete');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const [found] = await tx
      .select({ condition: conditions, approval: approvals })
      .from(conditions)
      .innerJoin(approvals, eq(approvals.id, conditions.approvalId))
      .where(eq(conditions.id, input.conditionId))
      .for('update', { of: conditions });
    const disclosure = found && (await findVisibleDisclosure(tx, ctx.principal, found.approval.disclosureId));
    if (found === undefined || disclosure === undefined) {
      throw new AppError('NOT_FOUND', `No condition ${input.conditionId} that you can see.`, {
        conditionId: input.conditionId,
      });
    }
    if (found.approval.status !== 'active') {
      throw new AppError('CONFLICT', 'This condition belongs to an approval that is no longer in force.', {
        approvalId: found.approval.id,
        approvalStatus: found.approval.status,
      });
    }
    if (found.condition.status !== 'done') {
      await tx
        .update(conditions)
        .set({ status: 'done', completedBy: ctx.principal.userId, completedAt: at })
        .where(and(eq(conditions.id, found.condition.id), eq(conditions.status, 'open')));
      await appendAudit(tx, ledgerWriter(ctx, at), [
        { type: 'condition.completed', conditionId: found.condition.id, approvalId: found.approval.id },
      ]);
    }
    return loadDisclosureView(tx, disclosure);
  });
}
