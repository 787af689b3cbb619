import type { AuditEvent } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { detectMaterialChange } from '../../domain/review/material-change.js';
import { transition, type WorkflowEvent } from '../../domain/review/transitions.js';
import { appendAudit } from '../../store/ledger.js';
import {
  findActiveApproval,
  findRevision,
  updateDisclosureState,
} from '../../store/repositories/disclosures.js';
import { findDisclosureTarget } from '../../store/repositories/productions.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { lookupRegistryFacts } from '../registry/lookup-facts.js';
import { assessDisclosure, summarise, validateDisclosure } from './assess.js';
import { type DisclosureView, loadDisclosureView } from './disclosure-view.js';
import { findLockedDisclosure } from './find-locked.js';
import {
  insertRevision,
  planRoute,
  recordNotices,
  requireMove,
  requireVersion,
  stateOf,
  voidApproval,
} from './workflow.js';

export type ReviseDisclosureInput = {
  readonly disclosureId: string;
  readonly disclosure: unknown;
  /** The version the client read (If-Match); a stale one answers 412. */
  readonly expectedVersion?: number | undefined;
};

/** States in which a change that cannot alter the verdict keeps the standing decision. */
const AMENDABLE = new Set(['acknowledged', 'approved', 'approved_with_conditions']);

/**
 * The partner changes a disclosure: a new revision, evaluated again. A material change
 * (see domain/review/material-change.ts) voids an approval in force and goes back through
 * routing; a non-material one on a decided disclosure is recorded and keeps the decision.
 */
export async function reviseDisclosure({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: ReviseDisclosureInput;
}): Promise<DisclosureView> {
  requirePermission(ctx, 'disclosure.revise');
  const disclosure = validateDisclosure(input.disclosure);
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const row = await findLockedDisclosure(tx, ctx, input.disclosureId);
    requireVersion(row, input.expectedVersion);
    const state = stateOf(row);
    const target = await findDisclosureTarget(tx, ctx.principal, row.productionId);
    if (target === undefined)
      throw new AppError('NOT_FOUND', `No production ${row.productionId} that you can see.`);
    const { production } = target;
    // The studio's registries decide what they know (tools, consents): looked up in this transaction.
    const assessment = assessDisclosure(
      disclosure,
      await lookupRegistryFacts(tx, production, disclosure, at, target.keeps),
    );
    const previous = await findRevision(tx, row.id, row.currentRevision);
    if (previous === undefined) throw new Error(`disclosure ${row.id} lost revision ${row.currentRevision}`);
    const change = detectMaterialChange(
      {
        disclosure: previous.document as Record<string, unknown>,
        verdict: summarise(previous.verdict as never),
      },
      { disclosure: assessment.disclosure, verdict: summarise(assessment.verdict) },
    );
    const number = row.currentRevision + 1;
    const event: WorkflowEvent =
      state === 'draft' ? 'edit' : AMENDABLE.has(state) && !change.material ? 'amend' : 'revise';
    const move = requireMove(transition(state, event), event);
    const events: AuditEvent[] = [
      {
        type: 'disclosure.revised',
        disclosureId: row.id,
        revision: number,
        material: change.material,
        reasons: change.reasons,
      },
    ];
    await insertRevision(tx, ctx, row.id, number, assessment, at);
    let next: string = move.to;
    if (event === 'revise') {
      events.push({
        type: 'disclosure.state_changed',
        disclosureId: row.id,
        from: state,
        to: 'submitted',
        event,
      });
      const approval = await findActiveApproval(tx, row.id);
      if (approval !== undefined) {
        events.push(
          await voidApproval(
            tx,
            approval,
            `material change in revision ${number}: ${change.reasons.join(', ')}`,
            at,
          ),
        );
      }
      const routed = planRoute(row.id, number, assessment);
      next = routed.state;
      events.push(...routed.events);
      events.push(
        ...(await recordNotices(
          tx,
          row.id,
          production,
          number,
          assessment.verdict.outcome,
          at,
          target.recipients,
        )),
      );
    }
    const updated = await updateDisclosureState(tx, row, { state: next, currentRevision: number, at });
    await appendAudit(tx, ledgerWriter(ctx, at), events);
    return loadDisclosureView(tx, updated);
  });
}
