import type { AssetRow } from '../../store/repositories/assets.js';

/** The C2PA summary kept on a registered asset: enough to show the evidence without the file. */
export type AssetC2pa = {
  readonly activeManifest: string | null;
  readonly claimGenerator: string | null;
  readonly signer: string | null;
  readonly validation: 'trusted' | 'untrusted' | 'invalid';
  readonly validationState: string | null;
  readonly actions: readonly {
    readonly action: string;
    readonly digitalSourceType: string | null;
    readonly softwareAgent?: string | null | undefined;
    readonly manifest?: string | null | undefined;
  }[];
  readonly ingredients: readonly {
    readonly title: string | null;
    readonly format: string | null;
    readonly relationship: string | null;
    readonly manifest: string | null;
  }[];
};

export const ASSET_USAGES = ['temporary', 'final'] as const;
export type AssetUsage = (typeof ASSET_USAGES)[number];

export type AssetView = {
  readonly id: string;
  readonly productionId: string;
  readonly orgId: string;
  readonly disclosureId: string | null;
  readonly sha256: string;
  readonly fileName: string;
  readonly mediaType: string | null;
  readonly usage: AssetUsage;
  readonly c2pa: AssetC2pa | null;
  readonly digitalSourceTypes: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export function toAssetView(row: AssetRow): AssetView {
  return {
    id: row.id,
    productionId: row.productionId,
    orgId: row.orgId,
    disclosureId: row.disclosureId,
    sha256: row.sha256,
    fileName: row.fileName,
    mediaType: row.mediaType,
    usage: row.usage === 'temporary' ? 'temporary' : 'final',
    // Written only through registerAssets, which stores the validated shape.
    c2pa: (row.c2pa ?? null) as AssetC2pa | null,
    digitalSourceTypes: Array.isArray(row.digitalSourceTypes)
      ? row.digitalSourceTypes.filter((t): t is string => typeof t === 'string')
      : [],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
