import type { ScanReport } from '../../provenance/scan/report-types.js';
import type { ScanReportRow } from '../../store/repositories/assets.js';

export type ScanStatus = 'queued' | 'done' | 'failed';

/** A stored delivery-gate scan; `report` is the reconciled report once the job has run. */
export type ScanView = {
  readonly id: string;
  readonly productionId: string;
  readonly orgId: string;
  readonly createdBy: string;
  readonly status: ScanStatus;
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly error: string | null;
  /** Totals for lists: item count, findings by severity, the gate summary. */
  readonly summary: unknown;
};

export type ScanDetail = ScanView & { readonly report: ScanReport | null };

export function toScanView(row: ScanReportRow): ScanView {
  return {
    id: row.id,
    productionId: row.productionId,
    orgId: row.orgId,
    createdBy: row.createdBy,
    status: row.status === 'done' ? 'done' : row.status === 'failed' ? 'failed' : 'queued',
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    error: row.error,
    summary: row.summary ?? null,
  };
}

export function toScanDetail(row: ScanReportRow): ScanDetail {
  // `result` is written only by reconcileScan, from reconcileWithRegister's ScanReport.
  return { ...toScanView(row), report: (row.result ?? null) as ScanReport | null };
}
