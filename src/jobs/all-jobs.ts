import { sendEmailJob } from './mail/send-email.job.js';
import { PURGE_IDEMPOTENCY_SCHEDULE, purgeIdempotencyJob } from './maintenance/purge-idempotency.job.js';
import { DIGEST_JOB, digestJob } from './notifications/digest.job.js';
import { DISPATCH_NOTIFICATIONS_JOB, dispatchNotificationsJob } from './notifications/dispatch.job.js';
import { REMINDERS_JOB, remindersJob } from './notifications/reminders.job.js';
import { EXPIRE_REGISTRY_SCHEDULE, expireRegistryJob } from './registry/expire.job.js';
import type { JobDefinition } from './registry.js';
import { reconcileScanJob } from './scans/reconcile-scan.job.js';
import { deliverWebhookJob } from './webhooks/deliver-webhook.job.js';
import type { JobSchedule } from './worker.js';

/**
 * Every job the server's worker runs. Each definition lives in its own file; add one import
 * and one entry here. A job name with no entry is never claimed by this server (it waits in
 * the table for a server that knows it).
 */
export const ALL_JOBS: readonly JobDefinition[] = [
  dispatchNotificationsJob as JobDefinition,
  sendEmailJob as JobDefinition,
  deliverWebhookJob as JobDefinition,
  remindersJob as JobDefinition,
  digestJob as JobDefinition,
  reconcileScanJob as JobDefinition,
  expireRegistryJob as JobDefinition,
  purgeIdempotencyJob as JobDefinition,
];

/** Periodic jobs the server queues (once per period, whatever the number of servers). */
export const SCHEDULES: readonly JobSchedule[] = [
  // The ledger is the outbox: read it often so a contact hears of a disclosure within seconds.
  { name: DISPATCH_NOTIFICATIONS_JOB, everyMs: 5_000 },
  { name: REMINDERS_JOB, everyMs: 60 * 60_000 },
  { name: DIGEST_JOB, everyMs: 24 * 60 * 60_000 },
  // Consents and approvals past their end stop counting: marked once a day.
  EXPIRE_REGISTRY_SCHEDULE,
  // Idempotency-Keys past their 24 hours: deleted hourly so the table stays small.
  PURGE_IDEMPOTENCY_SCHEDULE,
];
