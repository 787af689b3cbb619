import { and, eq, exists, type SQL, sql } from 'drizzle-orm';
import type { OrganisationKind } from '../domain/roles.js';
import { qualified } from './qualified.js';
import { disclosures, productions, productionVendors } from './schema.js';

/** Whose data a query may touch: the caller's organisation and its kind. */
export type Viewer = { readonly orgId: string; readonly orgKind: OrganisationKind };

/**
 * Tenancy lives in the WHERE clause, not in route code: a production outside the viewer's
 * reach is simply not found, so "another organisation's id" and "no such id" answer the same.
 * Studio staff see their studio's productions; a partner sees the productions it makes;
 * a vendor sees the productions it is attached to.
 */
export function productionVisibleTo(viewer: Viewer): SQL {
  switch (viewer.orgKind) {
    case 'studio':
      return eq(productions.studioOrgId, viewer.orgId);
    case 'partner':
      return eq(productions.partnerOrgId, viewer.orgId);
    case 'vendor':
      return exists(
        sql`(select 1 from ${productionVendors} where ${qualified(productionVendors.productionId)} = ${qualified(productions.id)} and ${qualified(productionVendors.vendorOrgId)} = ${viewer.orgId})`,
      );
  }
}

/**
 * A disclosure is visible through its production (queries join `productions`); a vendor
 * sees only the disclosures it made itself, while the production's partner sees all of them.
 */
export function disclosureVisibleTo(viewer: Viewer): SQL {
  const production = productionVisibleTo(viewer);
  return viewer.orgKind === 'vendor'
    ? (and(production, eq(disclosures.orgId, viewer.orgId)) as SQL)
    : production;
}
