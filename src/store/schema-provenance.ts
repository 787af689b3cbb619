import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { disclosures, organisations, productions, users } from './schema.js';

/**
 * The asset register and the delivery-gate scans (issue 6). Stored JSON (`c2pa`, the reports)
 * is `unknown` to the application and parsed on read.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * An AI-generated asset registered against a production, and (once linked) the disclosure that
 * covers it. One content hash is registered once per production: the hash is what the gate
 * matches scanned files on, so two rows for one hash would make "which disclosure covers it"
 * ambiguous.
 */
export const assets = pgTable(
  'assets',
  {
    id: text('id').primaryKey(),
    productionId: text('production_id')
      .notNull()
      .references(() => productions.id),
    /** The partner or vendor organisation that registered it. */
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    disclosureId: text('disclosure_id').references(() => disclosures.id),
    /** Lower-case hex SHA-256 of the file's bytes. */
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type'),
    usage: text('usage').notNull(), // temporary | final
    /** C2PA summary: active manifest, claim generator, signer, validation, actions, ingredients. */
    c2pa: jsonb('c2pa'),
    /** XMP/IPTC digital source types as written in the file. */
    digitalSourceTypes: jsonb('digital_source_types').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assets_production_sha256_key').on(t.productionId, t.sha256),
    index('assets_disclosure_idx').on(t.disclosureId),
  ],
);

/**
 * A delivery-gate scan: the report a CLI made locally (`submitted`), reconciled by a background
 * job against the register and the approvals in force (`result`). `summary` is the small part
 * that lists show.
 */
export const scanReports = pgTable(
  'scan_reports',
  {
    id: text('id').primaryKey(),
    productionId: text('production_id')
      .notNull()
      .references(() => productions.id),
    /** The organisation that submitted it; the reconciliation sees what this organisation sees. */
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull(), // queued | done | failed
    submitted: jsonb('submitted').notNull(),
    result: jsonb('result'),
    summary: jsonb('summary'),
    error: text('error'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('scan_reports_production_idx').on(t.productionId, t.createdAt)],
);
