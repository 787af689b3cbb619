import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { disclosureRevisions, disclosures, productions } from '../schema.js';
import { assets, scanReports } from '../schema-provenance.js';
import { disclosureVisibleTo, productionVisibleTo, type Viewer } from '../tenancy.js';

export type AssetRow = typeof assets.$inferSelect;
export type ScanReportRow = typeof scanReports.$inferSelect;

/**
 * Assets are visible through their production, like disclosures: a vendor sees only the
 * assets it registered itself, while the production's partner and the studio see all of them.
 */
function assetVisibleTo(viewer: Viewer): SQL {
  const production = productionVisibleTo(viewer);
  return viewer.orgKind === 'vendor' ? (and(production, eq(assets.orgId, viewer.orgId)) as SQL) : production;
}

export async function listVisibleAssets(
  db: Executor,
  viewer: Viewer,
  productionId: string,
): Promise<AssetRow[]> {
  const rows = await db
    .select({ asset: assets })
    .from(assets)
    .innerJoin(productions, eq(productions.id, assets.productionId))
    .where(and(eq(assets.productionId, productionId), assetVisibleTo(viewer)))
    .orderBy(asc(assets.createdAt), asc(assets.id));
  return rows.map((r) => r.asset);
}

export async function findVisibleAsset(
  db: Executor,
  viewer: Viewer,
  id: string,
  options: { readonly lock?: boolean } = {},
): Promise<AssetRow | undefined> {
  const query = db
    .select({ asset: assets })
    .from(assets)
    .innerJoin(productions, eq(productions.id, assets.productionId))
    .where(and(eq(assets.id, id), assetVisibleTo(viewer)));
  const [row] = options.lock ? await query.for('update', { of: assets }) : await query;
  return row?.asset;
}

/** Hashes of `sha256s` already registered on the production, whoever registered them. */
export async function findRegisteredHashes(
  db: Executor,
  productionId: string,
  sha256s: readonly string[],
): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .select({ sha256: assets.sha256 })
    .from(assets)
    .where(and(eq(assets.productionId, productionId), inArray(assets.sha256, [...sha256s])));
  return rows.map((r) => r.sha256);
}

/** Scans of a production the viewer can see (through the production), newest first. */
export async function listVisibleScans(
  db: Executor,
  viewer: Viewer,
  productionId: string,
  limit: number,
): Promise<ScanReportRow[]> {
  const rows = await db
    .select({ scan: scanReports })
    .from(scanReports)
    .innerJoin(productions, eq(productions.id, scanReports.productionId))
    .where(and(eq(scanReports.productionId, productionId), scanVisibleTo(viewer)))
    .orderBy(desc(scanReports.createdAt), asc(scanReports.id))
    .limit(limit);
  return rows.map((r) => r.scan);
}

export async function findVisibleScan(
  db: Executor,
  viewer: Viewer,
  id: string,
): Promise<ScanReportRow | undefined> {
  const [row] = await db
    .select({ scan: scanReports })
    .from(scanReports)
    .innerJoin(productions, eq(productions.id, scanReports.productionId))
    .where(and(eq(scanReports.id, id), scanVisibleTo(viewer)));
  return row?.scan;
}

/** A vendor sees its own scans; the partner and the studio see every scan of the production. */
function scanVisibleTo(viewer: Viewer): SQL {
  const production = productionVisibleTo(viewer);
  return viewer.orgKind === 'vendor'
    ? (and(production, eq(scanReports.orgId, viewer.orgId)) as SQL)
    : production;
}

export type RegisterDisclosureRow = {
  readonly id: string;
  readonly state: string;
  readonly currentRevision: number;
  readonly outcome: string | null;
};

/** The production's disclosures the viewer can see, with the verdict outcome of each current revision. */
export async function listRegisterDisclosures(
  db: Executor,
  viewer: Viewer,
  productionId: string,
): Promise<RegisterDisclosureRow[]> {
  return db
    .select({
      id: disclosures.id,
      state: disclosures.state,
      currentRevision: disclosures.currentRevision,
      outcome: disclosureRevisions.outcome,
    })
    .from(disclosures)
    .innerJoin(productions, eq(productions.id, disclosures.productionId))
    .leftJoin(
      disclosureRevisions,
      and(
        eq(disclosureRevisions.disclosureId, disclosures.id),
        eq(disclosureRevisions.number, disclosures.currentRevision),
      ),
    )
    .where(and(eq(disclosures.productionId, productionId), disclosureVisibleTo(viewer)))
    .orderBy(asc(disclosures.createdAt), asc(disclosures.id));
}
