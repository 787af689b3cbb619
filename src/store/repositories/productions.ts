import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { qualified } from '../qualified.js';
import {
  organisations,
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

/**
 * The production if the viewer may see it; another organisation's id is as absent as a
 * missing one. With `lock`, the row is locked FOR UPDATE until the transaction ends: every
 * change re-reads under this lock before deciding.
 */
export async function findVisibleProduction(
  db: Executor,
  viewer: Viewer,
  id: string,
  options: { readonly lock?: boolean } = {},
): Promise<ProductionRow | undefined> {
  const query = db
    .select()
    .from(productions)
    .where(and(eq(productions.id, id), productionVisibleTo(viewer)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Who takes part in a production beside its studio and partner. */
export type ProductionParties = {
  readonly vendorOrgIds: readonly string[];
  readonly contactIds: readonly string[];
};

/** The attached vendors and named studio contacts of each production, two queries for any number. */
export async function listProductionParties(
  db: Executor,
  productionIds: readonly string[],
): Promise<Map<string, ProductionParties>> {
  const parties = new Map<string, { vendorOrgIds: string[]; contactIds: string[] }>(
    productionIds.map((id) => [id, { vendorOrgIds: [], contactIds: [] }]),
  );
  if (productionIds.length === 0) return parties;
  const ids = [...productionIds];
  const [vendors, contacts] = await Promise.all([
    db
      .select({ productionId: productionVendors.productionId, id: productionVendors.vendorOrgId })
      .from(productionVendors)
      .where(inArray(productionVendors.productionId, ids)),
    db
      .select({ productionId: productionContacts.productionId, id: productionContacts.userId })
      .from(productionContacts)
      .where(inArray(productionContacts.productionId, ids)),
  ]);
  for (const v of vendors) parties.get(v.productionId)?.vendorOrgIds.push(v.id);
  for (const c of contacts) parties.get(c.productionId)?.contactIds.push(c.id);
  // Sorted here, not in SQL, so the order is the same on every engine and collation.
  for (const p of parties.values()) {
    p.vendorOrgIds.sort();
    p.contactIds.sort();
  }
  return parties;
}

/** A new production row with its vendors and contacts; the caller validated them and appends the audit. */
export async function insertProduction(
  db: Executor,
  row: typeof productions.$inferInsert,
  parties: ProductionParties,
): Promise<void> {
  await db.insert(productions).values(row);
  await replaceProductionVendors(db, row.id, parties.vendorOrgIds);
  await replaceProductionContacts(db, row.id, parties.contactIds);
}

/** Sets title and format (whichever given) of a locked production and bumps its version. */
export async function updateProduction(
  db: Executor,
  row: ProductionRow,
  fields: { readonly title?: string | undefined; readonly format?: string | undefined },
): Promise<ProductionRow> {
  const [updated] = await db
    .update(productions)
    .set({ ...fields, version: row.version + 1 })
    .where(eq(productions.id, row.id))
    .returning();
  if (updated === undefined) throw new Error(`production ${row.id} vanished under lock`);
  return updated;
}

/** Makes `vendorOrgIds` the production's whole set of attached vendors. */
export async function replaceProductionVendors(
  db: Executor,
  productionId: string,
  vendorOrgIds: readonly string[],
): Promise<void> {
  await db.delete(productionVendors).where(eq(productionVendors.productionId, productionId));
  if (vendorOrgIds.length > 0) {
    await db
      .insert(productionVendors)
      .values(vendorOrgIds.map((vendorOrgId) => ({ productionId, vendorOrgId })));
  }
}

/** Makes `userIds` the production's whole set of named studio contacts. */
export async function replaceProductionContacts(
  db: Executor,
  productionId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.delete(productionContacts).where(eq(productionContacts.productionId, productionId));
  if (userIds.length > 0) {
    await db.insert(productionContacts).values(userIds.map((userId) => ({ productionId, userId })));
  }
}

/** The kind of each organisation id that exists (absent ids are left out). */
export async function findOrganisationKinds(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organisations.id, kind: organisations.kind })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.kind]));
}

/** The organisation, role and status of each user id that exists (absent ids are left out). */
export async function findUserStandings(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { orgId: string; role: string; active: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, orgId: users.orgId, role: users.role, active: users.active })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map(({ id, ...standing }) => [id, standing]));
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
  return (await findDisclosureTargets(db, viewer, [id])).get(id);
}

/** `findDisclosureTarget` for several productions at once (a batch of submissions), by id. */
export async function findDisclosureTargets(
  db: Executor,
  viewer: Viewer,
  ids: readonly string[],
): Promise<Map<string, DisclosureTarget>> {
  const rows = await db
    .select({
      production: productions,
      recipients: noticeRecipients,
      keepsTools: studioKeepsAny(registryTools.studioOrgId),
      keepsPerformers: studioKeepsAny(performers.studioOrgId),
    })
    .from(productions)
    .where(and(inArray(productions.id, [...ids]), productionVisibleTo(viewer)));
  return new Map(
    rows.map((row) => [
      row.production.id,
      {
        production: row.production,
        recipients: row.recipients,
        keeps: { tools: row.keepsTools, performers: row.keepsPerformers },
      },
    ]),
  );
}
