import { AppError } from '../../domain/errors.js';
import {
  findVisibleProduction,
  listProductionVendorIds,
  listVisibleProductions,
  type ProductionRow,
} from '../../store/repositories/productions.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';

export type ProductionView = {
  readonly id: string;
  readonly title: string;
  readonly format: string;
  readonly studioOrgId: string;
  readonly partnerOrgId: string;
  readonly vendorOrgIds: readonly string[];
  readonly createdAt: string;
};

function toView(row: ProductionRow, vendorOrgIds: readonly string[]): ProductionView {
  return {
    id: row.id,
    title: row.title,
    format: row.format,
    studioOrgId: row.studioOrgId,
    partnerOrgId: row.partnerOrgId,
    vendorOrgIds,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listProductions({
  ctx,
}: {
  ctx: ServiceCtx;
  input?: undefined;
}): Promise<ProductionView[]> {
  requirePermission(ctx, 'production.read');
  return ctx.store.transaction(async (tx) => {
    const rows = await listVisibleProductions(tx, ctx.principal);
    return Promise.all(rows.map(async (r) => toView(r, await listProductionVendorIds(tx, r.id))));
  });
}

export async function getProduction({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { productionId: string };
}): Promise<ProductionView> {
  requirePermission(ctx, 'production.read');
  return ctx.store.transaction(async (tx) => {
    const row = await findVisibleProduction(tx, ctx.principal, input.productionId);
    if (row === undefined) {
      throw new AppError('NOT_FOUND', `No production ${input.productionId} that you can see.`, {
        productionId: input.productionId,
      });
    }
    return toView(row, await listProductionVendorIds(tx, row.id));
  });
}
