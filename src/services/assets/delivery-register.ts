import type { DeliveryRegister, RegisterApproval } from '../../provenance/gate/register-types.js';
import type { Executor } from '../../store/database.js';
import { listRegisterDisclosures, listVisibleAssets } from '../../store/repositories/assets.js';
import { findLatestApprovals } from '../../store/repositories/disclosures.js';
import type { ProductionRow } from '../../store/repositories/productions.js';
import type { Viewer } from '../../store/tenancy.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';
import { toAssetView } from './asset-view.js';
import { requireProduction } from './read-assets.js';

/**
 * What the delivery gate reconciles a scan against: the production's registered assets and its
 * disclosures with their latest written approval, as the caller is allowed to see them. The CLI
 * fetches it for `clearframe scan --production`; the scan job builds the same thing server-side.
 */
export async function getDeliveryRegister({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly productionId: string };
}): Promise<DeliveryRegister> {
  requirePermission(ctx, 'asset.read');
  requirePermission(ctx, 'disclosure.read');
  return ctx.store.transaction(async (tx) => {
    const production = await requireProduction(tx, ctx, input.productionId);
    return loadDeliveryRegister(tx, ctx.principal, production);
  });
}

/** The register as `viewer` sees it; tenancy is in each query. */
export async function loadDeliveryRegister(
  tx: Executor,
  viewer: Viewer,
  production: ProductionRow,
): Promise<DeliveryRegister> {
  const assetRows = await listVisibleAssets(tx, viewer, production.id);
  const disclosureRows = await listRegisterDisclosures(tx, viewer, production.id);
  const approvalRows = await findLatestApprovals(
    tx,
    disclosureRows.map((d) => d.id),
  );
  // Ordered by issue time: the last one per disclosure is the latest.
  const latest = new Map<string, RegisterApproval>();
  for (const row of approvalRows) {
    // At most one approval is active; it wins over any voided one issued later.
    if (latest.get(row.disclosureId)?.status === 'active' && row.status !== 'active') continue;
    latest.set(row.disclosureId, {
      id: row.id,
      revision: row.revision,
      approverId: row.approverId,
      issuedAt: row.issuedAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
      status: row.status === 'active' ? 'active' : 'voided',
      voidReason: row.voidReason,
    });
  }
  return {
    productionId: production.id,
    productionTitle: production.title,
    assets: assetRows.map((row) => {
      const view = toAssetView(row);
      return {
        id: view.id,
        sha256: view.sha256,
        fileName: view.fileName,
        mediaType: view.mediaType,
        usage: view.usage,
        disclosureId: view.disclosureId,
      };
    }),
    disclosures: disclosureRows.map((d) => ({ ...d, approval: latest.get(d.id) ?? null })),
  };
}
