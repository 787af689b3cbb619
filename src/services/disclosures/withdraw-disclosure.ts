import type { AuditEvent } from '../../domain/audit/events.js';
import { transition } from '../../domain/review/transitions.js';
import { appendAudit } from '../../store/ledger.js';
import { findActiveApproval, updateDisclosureState } from '../../store/repositories/disclosures.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type DisclosureView, loadDisclosureView } from './disclosure-view.js';
import { findLockedDisclosure } from './find-locked.js';
import { requireMove, requireVersion, stateOf, voidApproval } from './workflow.js';

export type WithdrawDisclosureInput = {
  readonly disclosureId: string;
  readonly expectedVersion?: number | undefined;
};

/** The partner withdraws a disclosure (final); an approval in force ends with it. */
export async function withdrawDisclosure({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: WithdrawDisclosureInput;
}): Promise<DisclosureView> {
  requirePermission(ctx, 'disclosure.withdraw');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const row = await findLockedDisclosure(tx, ctx, input.disclosureId);
    requireVersion(row, input.expectedVersion);
    const move = requireMove(transition(stateOf(row), 'withdraw'), 'withdraw');
    const events: AuditEvent[] = [
      {
        type: 'disclosure.state_changed',
        disclosureId: row.id,
        from: move.from,
        to: move.to,
        event: 'withdraw',
      },
    ];
    const approval = await findActiveApproval(tx, row.id);
    if (approval !== undefined) events.push(await voidApproval(tx, approval, 'disclosure withdrawn', at));
    const updated = await updateDisclosureState(tx, row, { state: move.to, at });
    await appendAudit(tx, ledgerWriter(ctx, at), events);
    return loadDisclosureView(tx, updated);
  });
}
