import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organisations, users } from './schema.js';

/**
 * Accounts and security (issue 4): sign-in throttling counters and invitations by link.
 * Session idle time and API-token scopes are columns on `sessions` / `api_tokens` in schema.ts.
 */

/**
 * Failed sign-ins per key (`account:<email>` or `address:<ip>`). After a few failures the key is
 * locked for an exponentially growing time; a success clears the account key. Stored in the
 * database, not memory, so several servers behind a load balancer share one count.
 */
export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** An invitation link: the token is shown once to the inviter; only its SHA-256 is kept. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    acceptedUserId: text('accepted_user_id').references(() => users.id),
  },
  (t) => [index('invitations_org_idx').on(t.orgId)],
);
