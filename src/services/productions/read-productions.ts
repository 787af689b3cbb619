import { AppError } from '../../domain/errors.js';
import { findVisibleProduction, listVisibleProductions } from '../../store/repositories/productions.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';
import { loadProductionView, loadProductionViews, type ProductionView } from './production-view.js';

export async function listProductions({
  ctx,
}: {
  ctx: ServiceCtx;
  input?: undefined;
}): Promise<ProductionView[]> {
  requirePermission(ctx, 'production.read');
  return ctx.store.transaction(async (tx) =>
    loadProductionViews(tx, await listVisibleProductions(tx, ctx.principal)),
  );
}

/** Missing and out-of-reach productions answer alike. */
export function productionNotFound(productionId: string): AppError {
  return new AppError('NOT_FOUND', `No production ${productionId} that you can see.`, { productionId });
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
    if (row === undefined) throw productionNotFound(input.productionId);
    return loadProductionView(tx, row);
  });
}
