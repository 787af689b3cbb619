import { randomUUID } from 'node:crypto';
import { enqueueJob } from '../../jobs/enqueue.js';
import type { ScanReport } from '../../provenance/scan/report-types.js';
import { appendAudit } from '../../store/ledger.js';
import { scanReports } from '../../store/schema-provenance.js';
import { requireProduction } from '../assets/read-assets.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { startReconcile } from './reconcile-scan.js';
import { type ScanView, toScanView } from './scan-view.js';

/**
 * Stores a scan a CLI made on the partner's or QC's own disk (the server cannot read it) and
 * queues its reconciliation against the register and approvals as a background job. The report
 * is kept as sent; the reconciled one lands on the same row when the job has run.
 */
export async function submitScan({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly productionId: string; readonly report: ScanReport };
}): Promise<ScanView> {
  requirePermission(ctx, 'scan.submit');
  const at = nowOf(ctx);
  const view = await ctx.store.transaction(async (tx) => {
    const production = await requireProduction(tx, ctx, input.productionId);
    const [row] = await tx
      .insert(scanReports)
      .values({
        id: randomUUID(),
        productionId: production.id,
        orgId: ctx.principal.orgId,
        createdBy: ctx.principal.userId,
        status: 'queued',
        submitted: input.report,
        createdAt: at,
      })
      .returning();
    if (row === undefined) throw new Error('scan insert returned no row');
    // Durable: the worker reconciles it even if this process stops before the kick below runs.
    await enqueueJob(tx, { name: 'scan.reconcile', payload: { scanId: row.id }, key: `scan:${row.id}` });
    await appendAudit(tx, ledgerWriter(ctx, at), [
      {
        type: 'scan.submitted',
        scanId: row.id,
        productionId: production.id,
        items: input.report.items.length,
      },
    ]);
    return toScanView(row);
  });
  // Low latency: reconcile right after commit in this process; the queued job then finds it done.
  startReconcile(ctx.store, view.id, ctx.now);
  return view;
}
