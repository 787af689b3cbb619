import { AppError } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { listVisibleAssets } from '../../store/repositories/assets.js';
import { findVisibleProduction, type ProductionRow } from '../../store/repositories/productions.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';
import { type AssetView, toAssetView } from './asset-view.js';

/** The registered assets of one production the caller can see. */
export async function listAssets({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly productionId: string };
}): Promise<AssetView[]> {
  requirePermission(ctx, 'asset.read');
  return ctx.store.transaction(async (tx) => {
    const production = await requireProduction(tx, ctx, input.productionId);
    return (await listVisibleAssets(tx, ctx.principal, production.id)).map(toAssetView);
  });
}

export async function requireProduction(
  tx: Executor,
  ctx: ServiceCtx,
  productionId: string,
): Promise<ProductionRow> {
  const production = await findVisibleProduction(tx, ctx.principal, productionId);
  if (production === undefined) {
    throw new AppError('NOT_FOUND', `No production ${productionId} that you can see.`, { productionId });
  }
  return production;
}
