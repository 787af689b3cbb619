import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { isAllowed } from '../../domain/permissions.js';
import type { Executor } from '../../store/database.js';
import { findVisibleProduction } from '../../store/repositories/productions.js';
import {
  approvals,
  conditions,
  consents,
  disclosureRevisions,
  disclosures,
  performers,
  productions,
  scanReports,
  users,
} from '../../store/schema.js';
import { disclosureVisibleTo } from '../../store/tenancy.js';
import { requirePermission } from '../authorize.js';
import { nowOf, type ServiceCtx } from '../context.js';

/** Everything on one production that a report lists, as plain strings (ISO dates). */
export type ProductionReport = {
  readonly production: { id: string; title: string; format: string };
  readonly generatedAt: string;
  readonly disclosures: readonly {
    id: string;
    state: string;
    revision: number;
    outcome: string;
    pack: string;
    inputHash: string;
    rules: readonly string[];
    description: string;
    submittedBy: string;
    createdAt: string;
  }[];
  readonly approvals: readonly {
    id: string;
    disclosureId: string;
    revision: number;
    status: string;
    approver: string;
    issuedAt: string;
    expiresAt: string | null;
  }[];
  readonly conditions: readonly {
    id: string;
    approvalId: string;
    text: string;
    owner: string | null;
    dueDate: string | null;
    status: string;
    completedAt: string | null;
  }[];
  /** Only for roles that may read consents (personal data); otherwise null. */
  readonly consents:
    | readonly {
        id: string;
        performer: string;
        use: string;
        validFrom: string;
        validTo: string | null;
        status: string;
      }[]
    | null;
  readonly scans: readonly { id: string; status: string; createdAt: string; summary: string }[];
};

/**
 * Reads a production's disclosures (with the verdict of each current revision), approvals,
 * conditions, consents and delivery-gate scans for a CSV or PDF export. A read: it writes
 * nothing (GET routes never change the ledger).
 */
export async function buildProductionReport({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { productionId: string; format: 'csv' | 'pdf' };
}): Promise<ProductionReport> {
  requirePermission(ctx, 'report.read');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const production = await findVisibleProduction(tx, ctx.principal, input.productionId);
    if (production === undefined) {
      throw new AppError('NOT_FOUND', `No production ${input.productionId} that you can see.`, {
        productionId: input.productionId,
      });
    }
    return gather(tx, ctx, production, at);
  });
}

async function gather(
  tx: Executor,
  ctx: ServiceCtx,
  production: { id: string; title: string; format: string },
  at: Date,
): Promise<ProductionReport> {
  const rows = await tx
    .select({ d: disclosures, r: disclosureRevisions, by: users.name })
    .from(disclosures)
    .innerJoin(
      disclosureRevisions,
      and(
        eq(disclosureRevisions.disclosureId, disclosures.id),
        eq(disclosureRevisions.number, disclosures.currentRevision),
      ),
    )
    .innerJoin(users, eq(users.id, disclosures.createdBy))
    // The tenancy condition names `productions`: join it (vendors then see only their own).
    .innerJoin(productions, eq(productions.id, disclosures.productionId))
    .where(and(eq(disclosures.productionId, production.id), disclosureVisibleTo(ctx.principal)))
    .orderBy(asc(disclosures.createdAt));
  const disclosureIds = rows.map((r) => r.d.id);
  const approvalRows =
    disclosureIds.length === 0
      ? []
      : await tx
          .select({ a: approvals, approver: users.name })
          .from(approvals)
          .innerJoin(users, eq(users.id, approvals.approverId))
          .where(inArray(approvals.disclosureId, disclosureIds))
          .orderBy(asc(approvals.issuedAt));
  const approvalIds = approvalRows.map((r) => r.a.id);
  const conditionRows =
    approvalIds.length === 0
      ? []
      : await tx
          .select({ c: conditions, owner: users.name })
          .from(conditions)
          .leftJoin(users, eq(users.id, conditions.ownerId))
          .where(inArray(conditions.approvalId, approvalIds));
  const consentRows = isAllowed(ctx.principal.role, 'consent.read')
    ? await tx
        .select({ c: consents, performer: performers.displayName })
        .from(consents)
        .innerJoin(performers, eq(performers.id, consents.performerId))
        .where(and(eq(consents.productionId, production.id), eq(consents.studioOrgId, ctx.principal.orgId)))
    : null;
  const scanRows = await tx
    .select()
    .from(scanReports)
    .where(eq(scanReports.productionId, production.id))
    .orderBy(asc(scanReports.createdAt));
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    production: { id: production.id, title: production.title, format: production.format },
    generatedAt: at.toISOString(),
    disclosures: rows.map(({ d, r, by }) => {
      const doc = r.document as { description?: unknown };
      const verdict = r.verdict as { findings?: { rule?: unknown }[] };
      return {
        id: d.id,
        state: d.state,
        revision: r.number,
        outcome: r.outcome,
        pack: r.pack,
        inputHash: r.inputHash,
        rules: (verdict.findings ?? []).map((f) => String(f.rule ?? '')),
        description: typeof doc.description === 'string' ? doc.description : '',
        submittedBy: by,
        createdAt: d.createdAt.toISOString(),
      };
    }),
    approvals: approvalRows.map(({ a, approver }) => ({
      id: a.id,
      disclosureId: a.disclosureId,
      revision: a.revision,
      status: a.status,
      approver,
      issuedAt: a.issuedAt.toISOString(),
      expiresAt: iso(a.expiresAt),
    })),
    conditions: conditionRows.map(({ c, owner }) => ({
      id: c.id,
      approvalId: c.approvalId,
      text: c.text,
      owner,
      dueDate: c.dueDate,
      status: c.status,
      completedAt: iso(c.completedAt),
    })),
    consents:
      consentRows?.map(({ c, performer }) => ({
        id: c.id,
        performer,
        use: c.use,
        validFrom: c.validFrom,
        validTo: c.validTo,
        status: c.status,
      })) ?? null,
    scans: scanRows
      .filter((s) => ctx.principal.orgKind === 'studio' || s.orgId === ctx.principal.orgId)
      .map((s) => ({
        id: s.id,
        status: s.status,
        createdAt: s.createdAt.toISOString(),
        summary: JSON.stringify(s.summary ?? {}),
      })),
  };
}
