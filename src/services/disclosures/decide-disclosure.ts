import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import type { Action } from '../../domain/permissions.js';
import { checkMove, type WorkflowEvent } from '../../domain/review/transitions.js';
import { appendAudit } from '../../store/ledger.js';
import { findRevision, updateDisclosureState } from '../../store/repositories/disclosures.js';
import { findVisibleProduction } from '../../store/repositories/productions.js';
import { findUsersInOrgs } from '../../store/repositories/users.js';
import { approvals, conditions, reviews } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type DisclosureView, loadDisclosureView } from './disclosure-view.js';
import { findLockedDisclosure } from './find-locked.js';
import { requireMove, requireVersion, stateOf } from './workflow.js';

export const DECISIONS = ['acknowledge', 'request_info', 'approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export type ConditionInput = {
  readonly text: string;
  readonly ownerId?: string | undefined;
  /** YYYY-MM-DD */
  readonly dueDate?: string | undefined;
};

export type DecideDisclosureInput = {
  readonly disclosureId: string;
  readonly decision: Decision;
  readonly note?: string | undefined;
  /** Approvals only: when the written approval lapses (ISO date-time). */
  readonly expiresAt?: string | undefined;
  /** Approvals only: obligations attached to the approval. */
  readonly conditions?: readonly ConditionInput[] | undefined;
  readonly expectedVersion?: number | undefined;
};

const PERMISSION: Readonly<Record<Decision, Action>> = {
  acknowledge: 'disclosure.acknowledge',
  request_info: 'disclosure.request_info',
  approve: 'disclosure.approve',
  reject: 'disclosure.reject',
};

/**
 * A studio reviewer decides on a disclosure in review: the contact acknowledges an
 * escalation or asks for information; legal issues a written approval (scope = the current
 * revision, with conditions and expiry) or rejects it.
 */
export async function decideDisclosure({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: DecideDisclosureInput;
}): Promise<DisclosureView> {
  requirePermission(ctx, PERMISSION[input.decision]);
  const conditionInputs = input.conditions ?? [];
  if (input.decision !== 'approve' && (conditionInputs.length > 0 || input.expiresAt !== undefined)) {
    throw new AppError(
      'INVALID_INPUT',
      'Only an approval takes conditions or an expiry; drop them for this decision.',
      {
        decision: input.decision,
      },
    );
  }
  if ((input.decision === 'reject' || input.decision === 'request_info') && !input.note?.trim()) {
    throw new AppError(
      'INVALID_INPUT',
      `A ${input.decision} decision needs a note telling the partner why.`,
      {
        field: 'note',
      },
    );
  }
  const at = nowOf(ctx);
  const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
  if (expiresAt !== null && !(expiresAt.getTime() > at.getTime())) {
    throw new AppError('INVALID_INPUT', 'expiresAt must be a date-time in the future.', {
      expiresAt: input.expiresAt,
    });
  }
  return ctx.store.transaction(async (tx) => {
    const row = await findLockedDisclosure(tx, ctx, input.disclosureId);
    requireVersion(row, input.expectedVersion);
    const revision = await findRevision(tx, row.id, row.currentRevision);
    if (revision === undefined) throw new Error(`disclosure ${row.id} lost revision ${row.currentRevision}`);
    const event: WorkflowEvent =
      input.decision === 'approve'
        ? conditionInputs.length > 0
          ? 'approve_with_conditions'
          : 'approve'
        : input.decision;
    const move = requireMove(checkMove(stateOf(row), event, revision.outcome), event);
    await tx.insert(reviews).values({
      id: randomUUID(),
      disclosureId: row.id,
      revision: row.currentRevision,
      reviewerId: ctx.principal.userId,
      decision: input.decision,
      note: input.note ?? null,
      createdAt: at,
    });
    const events: AuditEvent[] = [
      {
        type: 'disclosure.decided',
        disclosureId: row.id,
        revision: row.currentRevision,
        decision: input.decision,
      },
      { type: 'disclosure.state_changed', disclosureId: row.id, from: move.from, to: move.to, event },
    ];
    if (input.decision === 'approve') {
      const production = await findVisibleProduction(tx, ctx.principal, row.productionId);
      if (production === undefined)
        throw new Error(`production ${row.productionId} of disclosure ${row.id} not visible`);
      const owners = new Set(conditionInputs.flatMap((c) => (c.ownerId ? [c.ownerId] : [])));
      const known = await findUsersInOrgs(tx, [...owners], [production.studioOrgId, row.orgId]);
      const unknown = [...owners].filter((id) => !known.includes(id));
      if (unknown.length > 0) {
        throw new AppError(
          'INVALID_INPUT',
          'A condition owner must be a user of the studio or of the disclosing organisation.',
          { unknownOwnerIds: unknown },
        );
      }
      const approvalId = randomUUID();
      await tx.insert(approvals).values({
        id: approvalId,
        disclosureId: row.id,
        revision: row.currentRevision,
        approverId: ctx.principal.userId,
        issuedAt: at,
        expiresAt,
        status: 'active',
      });
      const rows = conditionInputs.map((c) => ({
        id: randomUUID(),
        approvalId,
        text: c.text,
        ownerId: c.ownerId ?? null,
        dueDate: c.dueDate ?? null,
        status: 'open',
      }));
      if (rows.length > 0) await tx.insert(conditions).values(rows);
      events.push({
        type: 'approval.issued',
        approvalId,
        disclosureId: row.id,
        revision: row.currentRevision,
        expiresAt: expiresAt?.toISOString() ?? null,
        conditions: rows.map((r) => ({ id: r.id, ownerId: r.ownerId, dueDate: r.dueDate })),
      });
    }
    const updated = await updateDisclosureState(tx, row, { state: move.to, at });
    await appendAudit(tx, ledgerWriter(ctx, at), events);
    return loadDisclosureView(tx, updated);
  });
}
