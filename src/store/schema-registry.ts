import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organisations, productions, users } from './schema.js';

/**
 * The studio's registries: GenAI tools with their data handling, performers and their
 * consents. Each row belongs to one studio (`studio_org_id`); every query filters by it.
 * Dates that are calendar days (reviews, validity) are `YYYY-MM-DD` text, compared as text.
 */
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes; PGlite hands back a Uint8Array, node-postgres a Buffer: both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const registryTools = pgTable(
  'registry_tools',
  {
    id: text('id').primaryKey(),
    studioOrgId: text('studio_org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    vendor: text('vendor').notNull(),
    storesInputs: boolean('stores_inputs').notNull(),
    retentionDays: integer('retention_days'),
    trainsOnInputs: boolean('trains_on_inputs').notNull(),
    enterpriseAgreement: boolean('enterprise_agreement').notNull(),
    sso: boolean('sso').notNull(),
    deployment: text('deployment').notNull(), // saas | private_cloud | on_premises | local
    regions: jsonb('regions').$type<string[]>().notNull(),
    modalities: jsonb('modalities').$type<string[]>().notNull(),
    outputsC2pa: boolean('outputs_c2pa').notNull(),
    status: text('status').notNull(), // approved | approved_with_conditions | blocked
    statusReason: text('status_reason'),
    conditions: text('conditions'),
    lastReviewedOn: text('last_reviewed_on').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('registry_tools_studio_name_key').on(t.studioOrgId, sql`lower(${t.name})`)],
);

/** The least personal data that serves: a display name or role, the union, the deceased flag. */
export const performers = pgTable(
  'performers',
  {
    id: text('id').primaryKey(),
    studioOrgId: text('studio_org_id')
      .notNull()
      .references(() => organisations.id),
    displayName: text('display_name').notNull(),
    union: text('union'),
    deceased: boolean('deceased').notNull().default(false),
    /** The estate or union that may authorise uses for a deceased performer. */
    authorisingBody: text('authorising_body'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('performers_studio_name_key').on(t.studioOrgId, sql`lower(${t.displayName})`)],
);

/** One consent: a performer, a production and a use, with its validity and status. */
export const consents = pgTable(
  'consents',
  {
    id: text('id').primaryKey(),
    studioOrgId: text('studio_org_id')
      .notNull()
      .references(() => organisations.id),
    performerId: text('performer_id')
      .notNull()
      .references(() => performers.id),
    productionId: text('production_id')
      .notNull()
      .references(() => productions.id),
    use: text('use').notNull(),
    /** The specific written description of the intended use the performer agreed to. */
    description: text('description').notNull(),
    unionCovered: boolean('union_covered').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    status: text('status').notNull(), // active | expired | revoked
    revokedAt: at('revoked_at'),
    revokeReason: text('revoke_reason'),
    expiredAt: at('expired_at'),
    /** For a deceased performer: the estate's or union's authorisation (who and reference). */
    estateAuthorisation: text('estate_authorisation'),
    documentSha256: text('document_sha256'),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('consents_performer_idx').on(t.performerId),
    index('consents_production_idx').on(t.productionId),
  ],
);

/** The signed consent document; only studio legal may read it (permission `consent.document.read`). */
export const consentDocuments = pgTable('consent_documents', {
  consentId: text('consent_id')
    .primaryKey()
    .references(() => consents.id),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: text('uploaded_by')
    .notNull()
    .references(() => users.id),
  uploadedAt: at('uploaded_at').notNull().defaultNow(),
});
