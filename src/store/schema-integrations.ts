import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './schema.js';

/**
 * Notifications and integrations (issue 8): per-user email preferences, the dispatcher's
 * cursor over each organisation's sealed ledger, webhooks and their delivery log.
 */
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A user's email preferences; no row means the defaults (English, every kind, daily digest on). */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  language: text('language').notNull().default('en'),
  /** Email kinds the user opted out of (see src/services/notifications/kinds.ts). */
  optedOut: jsonb('opted_out').notNull().default([]),
  digest: boolean('digest').notNull().default(true),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/**
 * How far the notification dispatcher has read each organisation's chain (sealed `seq`).
 * Advanced in the same transaction that queues the emails and webhook deliveries for the
 * events read, so each event fans out exactly once.
 */
export const notificationCursors = pgTable('notification_cursors', {
  orgId: text('org_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

/** An organisation's webhook: where to POST which events, signed with a per-webhook secret. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    url: text('url').notNull(),
    /** Event types to deliver (`*` for all). */
    events: jsonb('events').notNull(),
    /** AES-256-GCM of the signing secret (we must sign, so a one-way hash cannot do). */
    secretCipher: text('secret_cipher').notNull(),
    /** The secret's last four characters, to tell secrets apart in the UI. */
    secretHint: text('secret_hint').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhooks_org_idx').on(t.orgId)],
);

/** One event to one webhook; the body is kept byte for byte so redelivery sends the same event. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    orgId: text('org_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull(), // pending | succeeded | failed
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_key').on(t.webhookId, t.eventId),
    index('webhook_deliveries_org_idx').on(t.orgId, t.createdAt),
  ],
);

/** Every attempt of a delivery: when, what the receiver answered, how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: at('at').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId)],
);
