import { eq } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/ledger.js';
import { findVisibleAsset } from '../../store/repositories/assets.js';
import { assets } from '../../store/schema-provenance.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type AssetView, toAssetView } from './asset-view.js';
import { findLinkableDisclosure } from './linkable-disclosure.js';

/** Links a registered asset to the disclosure that covers it (or moves the link to another one). */
export async function linkAsset({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly assetId: string; readonly disclosureId: string };
}): Promise<AssetView> {
  requirePermission(ctx, 'asset.link');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const asset = await findVisibleAsset(tx, ctx.principal, input.assetId, { lock: true });
    if (asset === undefined) {
      throw new AppError('NOT_FOUND', `No asset ${input.assetId} that you can see.`, {
        assetId: input.assetId,
      });
    }
    await findLinkableDisclosure(tx, ctx, input.disclosureId, asset.productionId);
    if (asset.disclosureId === input.disclosureId) return toAssetView(asset);
    const [updated] = await tx
      .update(assets)
      .set({ disclosureId: input.disclosureId, updatedAt: at })
      .where(eq(assets.id, asset.id))
      .returning();
    if (updated === undefined) throw new Error(`asset ${asset.id} vanished under lock`);
    await appendAudit(tx, ledgerWriter(ctx, at), [
      {
        type: 'asset.linked',
        assetId: asset.id,
        disclosureId: input.disclosureId,
        previousDisclosureId: asset.disclosureId,
      },
    ]);
    return toAssetView(updated);
  });
}
