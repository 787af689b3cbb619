import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { productionContacts, productions, productionVendors, users } from '../schema.js';
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
 * named, every active studio contact of the owning studio.
 */
export async function listNoticeRecipients(db: Executor, production: ProductionRow): Promise<string[]> {
  const named = await db
    .select({ id: productionContacts.userId })
    .from(productionContacts)
    .where(eq(productionContacts.productionId, production.id));
  if (named.length > 0) return named.map((r) => r.id);
  const contacts = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.orgId, production.studioOrgId), eq(users.role, 'studio_contact'), eq(users.active, true)),
    );
  return contacts.map((r) => r.id);
}
