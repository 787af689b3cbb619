import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AuditEvent } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { materialFingerprint } from '../../domain/review/material-change.js';
import {
  type DisclosureState,
  isDisclosureState,
  routeEventFor,
  type TransitionResult,
  transition,
  type WorkflowEvent,
} from '../../domain/review/transitions.js';
import type { Executor } from '../../store/database.js';
import type { DisclosureRow } from '../../store/repositories/disclosures.js';
import { listNoticeRecipients, type ProductionRow } from '../../store/repositories/productions.js';
import { approvals, disclosureRevisions, notices } from '../../store/schema.js';
import type { Principal } from '../context.js';
import type { Assessment } from './assess.js';

/** Shared steps of the workflow verbs. Each runs inside the caller's transaction. */

export function stateOf(row: Pick<DisclosureRow, 'id' | 'state'>): DisclosureState {
  if (!isDisclosureState(row.state)) throw new Error(`disclosure ${row.id} has unknown state ${row.state}`);
  return row.state;
}

/** Applies a table move or refuses it with 409, naming the current state and the allowed moves. */
export function requireMove(
  result: TransitionResult,
  event: WorkflowEvent,
): { from: DisclosureState; to: DisclosureState } {
  if (result.ok) return result;
  throw new AppError(
    'INVALID_TRANSITION',
    `Cannot ${event} a disclosure that is ${result.state}; allowed now: ${result.allowed.join(', ') || 'nothing (final state)'}.`,
    { state: result.state, event, allowed: result.allowed },
  );
}

/** Optimistic concurrency: the If-Match version the client read must still be current. */
export function requireVersion(row: DisclosureRow, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `The disclosure changed since you read it (you sent version ${expectedVersion}, it is now ${row.version}); re-read it and retry.`,
      { expectedVersion, currentVersion: row.version },
    );
  }
}

/** A revision in disclosure@1 form with its verdict, pack and input hash, as stored. */
export function revisionRow(
  /** Whose revision it is: the acting user, or for a system re-evaluation the record's owner. */
  ctx: { readonly principal: Pick<Principal, 'userId'> },
  disclosureId: string,
  number: number,
  assessment: Assessment,
  at: Date,
): typeof disclosureRevisions.$inferInsert {
  const { disclosure, verdict } = assessment;
  return {
    id: randomUUID(),
    disclosureId,
    number,
    document: disclosure,
    verdict,
    outcome: verdict.outcome,
    pack: verdict.pack,
    inputHash: verdict.inputHash,
    materialHash: materialFingerprint(disclosure),
    createdBy: ctx.principal.userId,
    createdAt: at,
  };
}

/** Stores a revision (see `revisionRow`). */
export async function insertRevision(
  tx: Executor,
  ctx: { readonly principal: Pick<Principal, 'userId'> },
  disclosureId: string,
  number: number,
  assessment: Assessment,
  at: Date,
): Promise<void> {
  await tx.insert(disclosureRevisions).values(revisionRow(ctx, disclosureId, number, assessment, at));
}

/**
 * The evaluator's routing of a submitted revision: notify -> acknowledged,
 * escalate/approval -> in_review, prohibited -> blocked. Pure; the caller writes the state.
 */
export function planRoute(
  disclosureId: string,
  revision: number,
  assessment: Assessment,
): { state: DisclosureState; events: AuditEvent[] } {
  const { verdict } = assessment;
  const event = routeEventFor(verdict.outcome);
  const routed = requireMove(transition('submitted', event), event);
  return {
    state: routed.to,
    events: [
      {
        type: 'disclosure.evaluated',
        disclosureId,
        revision,
        outcome: verdict.outcome,
        pack: verdict.pack,
        inputHash: verdict.inputHash,
        rules: verdict.findings.map((f) => f.rule),
      },
      { type: 'disclosure.state_changed', disclosureId, from: 'submitted', to: routed.to, event },
    ],
  };
}

/** The notices for a submitted or revised revision, one per recipient, and their ledger events. */
export function planNotices(
  disclosureId: string,
  productionId: string,
  recipients: readonly string[],
  revision: number,
  outcome: string,
  at: Date,
): { rows: (typeof notices.$inferInsert)[]; events: AuditEvent[] } {
  const kind =
    outcome === 'notify'
      ? 'disclosure.notified'
      : outcome === 'prohibited'
        ? 'disclosure.blocked'
        : 'disclosure.review_requested';
  const rows = recipients.map((recipientId) => ({
    id: randomUUID(),
    recipientId,
    disclosureId,
    kind,
    payload: { productionId, revision, outcome },
    createdAt: at,
  }));
  return {
    rows,
    events: rows.map((row) => ({
      type: 'notice.recorded',
      noticeId: row.id,
      recipientId: row.recipientId,
      disclosureId,
      kind,
    })),
  };
}

/**
 * The studio contacts are told of every use: a notice per contact, which the notification
 * dispatcher turns into email. Call after the disclosure row exists.
 */
export async function recordNotices(
  tx: Executor,
  disclosureId: string,
  production: ProductionRow,
  revision: number,
  outcome: string,
  at: Date,
  /** When the caller has read them already (see findDisclosureTarget). */
  knownRecipients?: readonly string[],
): Promise<AuditEvent[]> {
  const recipients = knownRecipients ?? (await listNoticeRecipients(tx, production));
  const { rows, events } = planNotices(disclosureId, production.id, recipients, revision, outcome, at);
  if (rows.length > 0) await tx.insert(notices).values(rows);
  return events;
}

/** Voids the approval in force (material change or withdrawal); the record of it stays. */
export async function voidApproval(
  tx: Executor,
  approval: { readonly id: string; readonly disclosureId: string },
  reason: string,
  at: Date,
): Promise<AuditEvent> {
  await tx
    .update(approvals)
    .set({ status: 'voided', voidedAt: at, voidReason: reason })
    .where(eq(approvals.id, approval.id));
  return { type: 'approval.voided', approvalId: approval.id, disclosureId: approval.disclosureId, reason };
}
