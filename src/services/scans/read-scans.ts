import { AppError } from '../../domain/errors.js';
import { findVisibleScan, listVisibleScans } from '../../store/repositories/assets.js';
import { requireProduction } from '../assets/read-assets.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';
import { type ScanDetail, type ScanView, toScanDetail, toScanView } from './scan-view.js';

/** The production's delivery-gate scans the caller can see, newest first. */
export async function listScans({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly productionId: string; readonly limit?: number | undefined };
}): Promise<ScanView[]> {
  requirePermission(ctx, 'scan.read');
  return ctx.store.transaction(async (tx) => {
    const production = await requireProduction(tx, ctx, input.productionId);
    return (await listVisibleScans(tx, ctx.principal, production.id, input.limit ?? 50)).map(toScanView);
  });
}

/** One scan with its reconciled report (null while the job has not run). */
export async function getScan({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly scanId: string };
}): Promise<ScanDetail> {
  requirePermission(ctx, 'scan.read');
  return ctx.store.transaction(async (tx) => {
    const row = await findVisibleScan(tx, ctx.principal, input.scanId);
    if (row === undefined) {
      throw new AppError('NOT_FOUND', `No scan ${input.scanId} that you can see.`, { scanId: input.scanId });
    }
    return toScanDetail(row);
  });
}
