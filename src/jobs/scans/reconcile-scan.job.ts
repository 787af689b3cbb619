import { z } from 'zod';
import { reconcileScan } from '../../services/scans/reconcile-scan.js';
import { defineJob } from '../registry.js';

export const RECONCILE_SCAN_JOB = 'scan.reconcile';

/**
 * Reconciles a submitted delivery-gate scan with the register and approvals in force and stores
 * the result. Queued by submitScan in its transaction; reconcileScan is idempotent (a scan that
 * is no longer queued is left alone), so the in-process kick and this job never do it twice.
 */
export const reconcileScanJob = defineJob({
  name: RECONCILE_SCAN_JOB,
  version: 1,
  payloadSchema: z.object({ scanId: z.string().min(1) }),
  handler: async (payload, deps) => {
    const status = await reconcileScan({ store: deps.store, scanId: payload.scanId, now: deps.now });
    deps.logger.info({ scanId: payload.scanId, status }, 'scan reconciled');
  },
});
