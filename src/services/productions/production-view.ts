import type { Executor } from '../../store/database.js';
import {
  listProductionParties,
  type ProductionParties,
  type ProductionRow,
} from '../../store/repositories/productions.js';

/** A production as the API shows it; `version` is what its ETag is made of. */
export type ProductionView = {
  readonly id: string;
  readonly title: string;
  readonly format: string;
  readonly studioOrgId: string;
  readonly partnerOrgId: string;
  readonly vendorOrgIds: readonly string[];
  /** The named studio contacts (when none are named, every studio contact is told). */
  readonly contactIds: readonly string[];
  readonly version: number;
  readonly createdAt: string;
};

export function toProductionView(row: ProductionRow, parties: ProductionParties): ProductionView {
  return {
    id: row.id,
    title: row.title,
    format: row.format,
    studioOrgId: row.studioOrgId,
    partnerOrgId: row.partnerOrgId,
    vendorOrgIds: parties.vendorOrgIds,
    contactIds: parties.contactIds,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

const NO_PARTIES: ProductionParties = { vendorOrgIds: [], contactIds: [] };

/** The views of several production rows, their parties read in two queries. */
export async function loadProductionViews(
  db: Executor,
  rows: readonly ProductionRow[],
): Promise<ProductionView[]> {
  const parties = await listProductionParties(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toProductionView(r, parties.get(r.id) ?? NO_PARTIES));
}

export async function loadProductionView(db: Executor, row: ProductionRow): Promise<ProductionView> {
  const [view] = await loadProductionViews(db, [row]);
  if (view === undefined) throw new Error(`production ${row.id} has no view`);
  return view;
}
