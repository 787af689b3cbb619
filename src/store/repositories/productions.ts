import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { qualified } from '../qualified.js';
import {
  performers,
  productionContacts,
  productions,
  productionVendors,
  registryTools,
  users,
} from '../schema.js';
import { productionVisibleTo, type Viewer } from '../tenancy.js';

export type ProductionRow = typeof productions.$inferSelect;

export async function listVisibleProductions(db: Executor, viewer: Viewer): Promise<ProductionRow[]> {
  return db.select().from(productions).where(productionVisibleTo(viewer)).orderBy(asc(productions.createdAt));
}

/** The production if the viewer may see it; another organisation's id is as absent as a missing one. */
export async function findVisibleProduction(
  db: Executor,
  viewer: Viewer,
  id: string,
): Promise<ProductionRow | undefined> {
  const [row] = await db
    .select()
    .from(productions)
    .where(and(eq(productions.id, id), productionVisibleTo(viewer)));
  return row;
}

export async function listProductionVendorIds(db: Executor, productionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: productionVendors.vendorOrgId })
    .from(productionVendors)
    .where(eq(productionVendors.productionId, productionId));
  return rows.map((r) => r.id);
}

/**
 * Who is told of a new disclosure: the production's named contacts, or, when none are
 * named, every active studio contact of the owning studio. One SQL expression over the
 * `productions` row in scope, so that it can ride along in a larger query.
 */
const contact = {
  user: qualified(productionContacts.userId),
  production: qualified(productionContacts.productionId),
};
const user = {
  id: qualified(users.id),
  org: qualified(users.orgId),
  role: qualified(users.role),
  active: qualified(users.active),
};
const noticeRecipients = sql<string[]>`coalesce(
  (select array_agg(${contact.user} order by ${contact.user})::text[]
     from ${productionContacts} where ${contact.production} = ${qualified(productions.id)}),
  (select array_agg(${user.id} order by ${user.id})::text[]
     from ${users}
    where ${user.org} = ${qualified(productions.studioOrgId)} and ${user.role} = 'studio_contact' and ${user.active}),
  '{}'::text[])`;

/** Whether the production's studio keeps any entry in a registry table. */
const studioKeepsAny = (studioColumn: typeof registryTools.studioOrgId | typeof performers.studioOrgId) =>
  sql<boolean>`exists (select 1 from ${studioColumn.table} where ${qualified(studioColumn)} = ${qualified(productions.studioOrgId)})`;

export async function listNoticeRecipients(db: Executor, production: ProductionRow): Promise<string[]> {
  const [row] = await db
    .select({ recipients: noticeRecipients })
    .from(productions)
    .where(eq(productions.id, production.id));
  return row?.recipients ?? [];
}

/** What a disclosure on a production needs to know about it, read in one query. */
export type DisclosureTarget = {
  readonly production: ProductionRow;
  /** Who is told of a new disclosure or revision (see `noticeRecipients`). */
  readonly recipients: readonly string[];
  /** Whether the studio keeps each registry at all (an empty registry gives no facts). */
  readonly keeps: { readonly tools: boolean; readonly performers: boolean };
};

/**
 * The production a disclosure is made on, if the viewer may see it, with its notice
 * recipients and which registries its studio keeps: one round trip on the submit path
 * instead of four.
 */
export async function findDisclosureTarget(
  db: Executor,
  viewer: Viewer,
  id: string,
): Promise<DisclosureTarget | undefined> {
  const [row] = await db
    .select({
      production: productions,
      recipients: noticeRecipients,
      keepsTools: studioKeepsAny(registryTools.studioOrgId),
      keepsPerformers: studioKeepsAny(performers.studioOrgId),
    })
    .from(productions)
    .where(and(eq(productions.id, id), productionVisibleTo(viewer)));
  if (row === undefined) return undefined;
  return {
    production: row.production,
    recipients: row.recipients,
    keeps: { tools: row.keepsTools, performers: row.keepsPerformers },
  };
}
