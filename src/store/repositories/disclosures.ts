import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { approvals, conditions, disclosureRevisions, disclosures, productions } from '../schema.js';
import { disclosureVisibleTo, type Viewer } from '../tenancy.js';

export type DisclosureRow = typeof disclosures.$inferSelect;
export type RevisionRow = typeof disclosureRevisions.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;
export type ConditionRow = typeof conditions.$inferSelect;

/**
 * The disclosure if the viewer may see it. With `lock`, the row is locked FOR UPDATE until
 * the transaction ends: every state change re-reads under this lock before deciding.
 */
export async function findVisibleDisclosure(
  db: Executor,
  viewer: Viewer,
  id: string,
  options: { readonly lock?: boolean } = {},
): Promise<DisclosureRow | undefined> {
  const query = db
    .select({ disclosure: disclosures })
    .from(disclosures)
    .innerJoin(productions, eq(productions.id, disclosures.productionId))
    .where(and(eq(disclosures.id, id), disclosureVisibleTo(viewer)));
  const [row] = options.lock ? await query.for('update', { of: disclosures }) : await query;
  return row?.disclosure;
}

export type DisclosureFilter = {
  readonly productionId?: string | undefined;
  readonly state?: string | undefined;
  readonly limit: number;
  readonly offset: number;
};

export async function listVisibleDisclosures(
  db: Executor,
  viewer: Viewer,
  filter: DisclosureFilter,
): Promise<DisclosureRow[]> {
  const where: SQL[] = [disclosureVisibleTo(viewer)];
  if (filter.productionId !== undefined) where.push(eq(disclosures.productionId, filter.productionId));
  if (filter.state !== undefined) where.push(eq(disclosures.state, filter.state));
  const rows = await db
    .select({ disclosure: disclosures })
    .from(disclosures)
    .innerJoin(productions, eq(productions.id, disclosures.productionId))
    .where(and(...where))
    .orderBy(desc(disclosures.updatedAt), asc(disclosures.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return rows.map((r) => r.disclosure);
}

export async function findRevision(
  db: Executor,
  disclosureId: string,
  number: number,
): Promise<RevisionRow | undefined> {
  const [row] = await db
    .select()
    .from(disclosureRevisions)
    .where(and(eq(disclosureRevisions.disclosureId, disclosureId), eq(disclosureRevisions.number, number)));
  return row;
}

export async function findRevisions(db: Executor, disclosureIds: readonly string[]): Promise<RevisionRow[]> {
  if (disclosureIds.length === 0) return [];
  return db
    .select()
    .from(disclosureRevisions)
    .where(inArray(disclosureRevisions.disclosureId, [...disclosureIds]))
    .orderBy(asc(disclosureRevisions.disclosureId), asc(disclosureRevisions.number));
}

/** The approval currently in force for a disclosure, if any (at most one is active). */
export async function findActiveApproval(
  db: Executor,
  disclosureId: string,
): Promise<ApprovalRow | undefined> {
  const [row] = await db
    .select()
    .from(approvals)
    .where(and(eq(approvals.disclosureId, disclosureId), eq(approvals.status, 'active')));
  return row;
}

export async function findLatestApprovals(
  db: Executor,
  disclosureIds: readonly string[],
): Promise<ApprovalRow[]> {
  if (disclosureIds.length === 0) return [];
  return db
    .select()
    .from(approvals)
    .where(inArray(approvals.disclosureId, [...disclosureIds]))
    .orderBy(asc(approvals.issuedAt));
}

export async function findConditions(db: Executor, approvalIds: readonly string[]): Promise<ConditionRow[]> {
  if (approvalIds.length === 0) return [];
  return db
    .select()
    .from(conditions)
    .where(inArray(conditions.approvalId, [...approvalIds]))
    .orderBy(asc(conditions.dueDate), asc(conditions.id));
}

/** Moves a locked disclosure to its next state and bumps the version its ETag is made of. */
export async function updateDisclosureState(
  db: Executor,
  row: DisclosureRow,
  change: { readonly state: string; readonly currentRevision?: number; readonly at: Date },
): Promise<DisclosureRow> {
  const [updated] = await db
    .update(disclosures)
    .set({
      state: change.state,
      currentRevision: change.currentRevision ?? row.currentRevision,
      version: row.version + 1,
      updatedAt: change.at,
    })
    .where(eq(disclosures.id, row.id))
    .returning();
  if (updated === undefined) throw new Error(`disclosure ${row.id} vanished under lock`);
  return updated;
}
