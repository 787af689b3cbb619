import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/ledger.js';
import { findRegisteredHashes } from '../../store/repositories/assets.js';
import { findVisibleProduction } from '../../store/repositories/productions.js';
import { assets } from '../../store/schema-provenance.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type AssetC2pa, type AssetUsage, type AssetView, toAssetView } from './asset-view.js';
import { MAX_ASSETS_PER_REQUEST } from './limits.js';
import { findLinkableDisclosure } from './linkable-disclosure.js';

export type RegisterAssetInput = {
  readonly sha256: string;
  readonly fileName: string;
  readonly mediaType?: string | null | undefined;
  readonly usage: AssetUsage;
  readonly disclosureId?: string | null | undefined;
  readonly c2pa?: AssetC2pa | null | undefined;
  readonly digitalSourceTypes?: readonly string[] | undefined;
};

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A partner registers AI-generated assets on one of its productions, each optionally linked to
 * the disclosure that covers it. All or nothing: one bad or already-registered hash refuses the
 * whole batch, naming it.
 */
export async function registerAssets({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly productionId: string; readonly assets: readonly RegisterAssetInput[] };
}): Promise<AssetView[]> {
  requirePermission(ctx, 'asset.register');
  if (input.assets.length === 0 || input.assets.length > MAX_ASSETS_PER_REQUEST) {
    throw new AppError(
      'INVALID_INPUT',
      `assets must hold 1 to ${MAX_ASSETS_PER_REQUEST} entries; got ${input.assets.length}.`,
      { field: 'assets', count: input.assets.length },
    );
  }
  const hashes = input.assets.map((asset) => asset.sha256.toLowerCase());
  input.assets.forEach((asset, index) => {
    if (!SHA256.test(asset.sha256.toLowerCase())) {
      throw new AppError(
        'INVALID_INPUT',
        `assets[${index}].sha256 must be 64 hexadecimal characters (the file's SHA-256); got "${asset.sha256.slice(0, 80)}".`,
        { field: `assets[${index}].sha256` },
      );
    }
  });
  const duplicate = hashes.find((hash, index) => hashes.indexOf(hash) !== index);
  if (duplicate !== undefined) {
    throw new AppError('INVALID_INPUT', `sha256 ${duplicate} appears twice in this request; send it once.`, {
      sha256: duplicate,
    });
  }
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const production = await findVisibleProduction(tx, ctx.principal, input.productionId);
    if (production === undefined) {
      throw new AppError('NOT_FOUND', `No production ${input.productionId} that you can see.`, {
        productionId: input.productionId,
      });
    }
    const taken = await findRegisteredHashes(tx, production.id, hashes);
    if (taken.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Already registered on this production: ${taken.join(', ')}. Link the existing asset to a disclosure instead.`,
        { sha256: taken },
      );
    }
    const disclosureIds = [...new Set(input.assets.flatMap((a) => (a.disclosureId ? [a.disclosureId] : [])))];
    for (const disclosureId of disclosureIds)
      await findLinkableDisclosure(tx, ctx, disclosureId, production.id);
    const rows = input.assets.map((asset, index) => ({
      id: randomUUID(),
      productionId: production.id,
      orgId: ctx.principal.orgId,
      disclosureId: asset.disclosureId ?? null,
      sha256: hashes[index] as string,
      fileName: asset.fileName,
      mediaType: asset.mediaType ?? null,
      usage: asset.usage,
      c2pa: asset.c2pa ?? null,
      digitalSourceTypes: [...(asset.digitalSourceTypes ?? [])],
      createdBy: ctx.principal.userId,
      createdAt: at,
      updatedAt: at,
    }));
    const inserted = await tx.insert(assets).values(rows).returning();
    const events: AuditEvent[] = inserted.map((row) => ({
      type: 'asset.registered',
      assetId: row.id,
      productionId: row.productionId,
      sha256: row.sha256,
      usage: row.usage,
      disclosureId: row.disclosureId,
    }));
    await appendAudit(tx, ledgerWriter(ctx, at), events);
    return inserted.map(toAssetView);
  });
}
