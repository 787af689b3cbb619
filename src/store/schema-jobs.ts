import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The durable job queue (src/jobs). A job is inserted inside the transaction of the change
 * that caused it, so a rollback un-queues it. Workers claim due rows with
 * `FOR UPDATE SKIP LOCKED`, which lets several stateless servers share one PostgreSQL
 * without two of them running the same job; a claimed row carries a lease
 * (`locked_until`) so that a job whose worker died is claimed again once the lease ends.
 *
 * state: queued -> running -> done | queued (retry, later run_at) | dead (attempts used up
 * or payload refused). Dead rows stay, with `last_error`, as the dead-letter list.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** The payload version it was written for; a worker runs only versions it knows. */
    version: integer('version').notNull().default(1),
    payload: jsonb('payload').notNull(),
    /** Dedupe key: a second enqueue with the same name and key is ignored (NULLs never clash). */
    key: text('key'),
    state: text('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('jobs_name_key_key').on(t.name, t.key), index('jobs_due_idx').on(t.state, t.runAt)],
);
