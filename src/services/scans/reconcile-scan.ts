import { eq } from 'drizzle-orm';
import type { AuditActor } from '../../domain/audit/events.js';
import type { OrganisationKind } from '../../domain/roles.js';
import { reconcileWithRegister } from '../../provenance/gate/reconcile-register.js';
import type { ScanReport } from '../../provenance/scan/report-types.js';
import type { Store } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { findVisibleProduction } from '../../store/repositories/productions.js';
import { organisations } from '../../store/schema.js';
import { scanReports } from '../../store/schema-provenance.js';
import { loadDeliveryRegister } from '../assets/delivery-register.js';

const JOB_ACTOR: AuditActor = { kind: 'system', id: 'job:scan.reconcile' };

/**
 * The scan job: reconciles a queued scan against the register and approvals as the submitting
 * organisation sees them, with the same pure function the CLI uses, and stores the result.
 * Idempotent: a scan that is no longer queued is left alone, so a retried job does nothing twice.
 * Returns the final status.
 */
export async function reconcileScan({
  store,
  scanId,
  now = () => new Date(),
}: {
  store: Store;
  scanId: string;
  now?: (() => Date) | undefined;
}): Promise<'done' | 'failed' | 'skipped'> {
  try {
    return await store.transaction(async (tx) => {
      const [scan] = await tx.select().from(scanReports).where(eq(scanReports.id, scanId)).for('update');
      if (scan === undefined || scan.status !== 'queued') return 'skipped';
      const [org] = await tx.select().from(organisations).where(eq(organisations.id, scan.orgId));
      if (org === undefined) throw new Error(`organisation ${scan.orgId} of scan ${scanId} is missing`);
      const viewer = { orgId: org.id, orgKind: org.kind as OrganisationKind };
      const production = await findVisibleProduction(tx, viewer, scan.productionId);
      const at = now();
      if (production === undefined) {
        await markFailed(tx, scan, at, 'the submitting organisation no longer sees this production');
        return 'failed';
      }
      const register = await loadDeliveryRegister(tx, viewer, production);
      // `submitted` was validated against the scan report schema when it was stored.
      const result = reconcileWithRegister(scan.submitted as ScanReport, register, at);
      await tx
        .update(scanReports)
        .set({
          status: 'done',
          result,
          summary: {
            items: result.summary.items,
            findings: result.summary.findings,
            incomplete: result.summary.incomplete,
            gate: result.summary.gate ?? null,
          },
          completedAt: at,
        })
        .where(eq(scanReports.id, scan.id));
      await appendAudit(tx, { orgId: scan.orgId, actor: JOB_ACTOR, at }, [
        {
          type: 'scan.reconciled',
          scanId: scan.id,
          productionId: scan.productionId,
          blockers: result.summary.findings.blocker,
          warnings: result.summary.findings.warning,
        },
      ]);
      return 'done';
    });
  } catch (error) {
    // A report that breaks the reconciler must not stay queued forever: record why, then stop.
    const reason = error instanceof Error ? error.message.slice(0, 500) : 'reconciliation failed';
    return store.transaction(async (tx) => {
      const [scan] = await tx.select().from(scanReports).where(eq(scanReports.id, scanId)).for('update');
      if (scan === undefined || scan.status !== 'queued') return 'skipped';
      await markFailed(tx, scan, now(), reason);
      return 'failed';
    });
  }
}

async function markFailed(
  tx: Parameters<Parameters<Store['transaction']>[0]>[0],
  scan: typeof scanReports.$inferSelect,
  at: Date,
  reason: string,
): Promise<void> {
  await tx
    .update(scanReports)
    .set({ status: 'failed', error: reason, completedAt: at })
    .where(eq(scanReports.id, scan.id));
  await appendAudit(tx, { orgId: scan.orgId, actor: JOB_ACTOR, at }, [
    { type: 'scan.failed', scanId: scan.id, productionId: scan.productionId, reason },
  ]);
}

/**
 * Starts the reconciliation right after the submitting transaction committed, off the request
 * path, so a CLI or UI sees the result within moments. The `scan.reconcile` job queued in that
 * transaction is the durable path (a crash before this runs); whichever comes second is a no-op.
 */
export function startReconcile(store: Store, scanId: string, now?: (() => Date) | undefined): void {
  setImmediate(() => {
    reconcileScan({ store, scanId, now }).catch(() => undefined);
  });
}
