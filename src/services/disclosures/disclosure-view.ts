import { availableMoves, type WorkflowEvent } from '../../domain/review/transitions.js';
import type { Executor } from '../../store/database.js';
import {
  type ApprovalRow,
  type ConditionRow,
  type DisclosureRow,
  findConditions,
  findLatestApprovals,
  findRevisions,
  type RevisionRow,
} from '../../store/repositories/disclosures.js';
import { stateOf } from './workflow.js';

/**
 * What clients see of a disclosure. Plain JSON (dates as ISO strings) so that it can be
 * stored verbatim as an idempotent response and replayed byte for byte.
 */
export type ConditionView = {
  readonly id: string;
  readonly text: string;
  readonly ownerId: string | null;
  readonly dueDate: string | null;
  readonly status: string;
  readonly completedBy: string | null;
  readonly completedAt: string | null;
};

export type ApprovalView = {
  readonly id: string;
  readonly revision: number;
  readonly approverId: string;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
  readonly status: string;
  readonly voidReason: string | null;
  readonly conditions: readonly ConditionView[];
};

export type RevisionView = {
  readonly number: number;
  readonly outcome: string;
  readonly pack: string;
  readonly inputHash: string;
  readonly disclosure: unknown;
  readonly verdict: unknown;
  readonly createdBy: string;
  readonly createdAt: string;
};

export type DisclosureView = {
  readonly id: string;
  readonly productionId: string;
  readonly organisationId: string;
  readonly state: string;
  readonly version: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly revision: RevisionView;
  /** The approval in force, else the latest one (voided), else null. */
  readonly approval: ApprovalView | null;
  readonly allowedMoves: readonly WorkflowEvent[];
};

/**
 * A disclosure's view from rows already read. A disclosure just created in this transaction
 * has no approval yet, so its view needs nothing read back.
 */
export function newDisclosureView(
  row: Pick<
    DisclosureRow,
    | 'id'
    | 'productionId'
    | 'orgId'
    | 'state'
    | 'version'
    | 'createdBy'
    | 'createdAt'
    | 'updatedAt'
    | 'currentRevision'
  >,
  revision: Pick<
    RevisionRow,
    'number' | 'outcome' | 'pack' | 'inputHash' | 'document' | 'verdict' | 'createdBy' | 'createdAt'
  >,
  approval: ApprovalView | null = null,
): DisclosureView {
  return {
    id: row.id,
    productionId: row.productionId,
    organisationId: row.orgId,
    state: row.state,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    revision: toRevisionView(revision),
    approval,
    allowedMoves: availableMoves(stateOf(row), revision.outcome),
  };
}

export function toRevisionView(
  row: Pick<
    RevisionRow,
    'number' | 'outcome' | 'pack' | 'inputHash' | 'document' | 'verdict' | 'createdBy' | 'createdAt'
  >,
): RevisionView {
  return {
    number: row.number,
    outcome: row.outcome,
    pack: row.pack,
    inputHash: row.inputHash,
    disclosure: row.document,
    verdict: row.verdict,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

function toConditionView(row: ConditionRow): ConditionView {
  return {
    id: row.id,
    text: row.text,
    ownerId: row.ownerId,
    dueDate: row.dueDate,
    status: row.status,
    completedBy: row.completedBy,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

function toApprovalView(row: ApprovalRow, conditions: readonly ConditionRow[]): ApprovalView {
  return {
    id: row.id,
    revision: row.revision,
    approverId: row.approverId,
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    status: row.status,
    voidReason: row.voidReason,
    conditions: conditions.filter((c) => c.approvalId === row.id).map(toConditionView),
  };
}

/** Builds views for many disclosures with three queries, whatever their number. */
export async function loadDisclosureViews(
  db: Executor,
  rows: readonly DisclosureRow[],
): Promise<DisclosureView[]> {
  const ids = rows.map((r) => r.id);
  const revisions = await findRevisions(db, ids);
  const approvals = await findLatestApprovals(db, ids);
  const conditions = await findConditions(
    db,
    approvals.map((a) => a.id),
  );
  return rows.map((row) => {
    const revision = revisions.find((r) => r.disclosureId === row.id && r.number === row.currentRevision);
    if (revision === undefined)
      throw new Error(`disclosure ${row.id} has no revision ${row.currentRevision}`);
    const own = approvals.filter((a) => a.disclosureId === row.id);
    const approval = own.find((a) => a.status === 'active') ?? own.at(-1);
    return newDisclosureView(row, revision, approval ? toApprovalView(approval, conditions) : null);
  });
}

export async function loadDisclosureView(db: Executor, row: DisclosureRow): Promise<DisclosureView> {
  const [view] = await loadDisclosureViews(db, [row]);
  if (view === undefined) throw new Error(`no view for disclosure ${row.id}`);
  return view;
}
