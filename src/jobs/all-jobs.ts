import type { JobDefinition } from './registry.js';
import { expireRegistryJob } from './registry/expire.job.js';
import { reconcileScanJob } from './scans/reconcile-scan.job.js';

/**
 * Every job the server's worker runs. Each definition lives in its own file; add one import
 * and one entry here. A job name with no entry is never claimed by this server (it waits in
 * the table for a server that knows it).
 */
export const ALL_JOBS: readonly JobDefinition[] = [expireRegistryJob, reconcileScanJob as JobDefinition];
