import { basename } from 'node:path';
import type { ScanItem } from '../provenance/scan/report-types.js';
import type { AssetC2pa, AssetUsage } from '../services/assets/asset-view.js';
import type { RegisterAssetInput } from '../services/assets/register-assets.js';

/**
 * What `clearframe assets register` sends for one scanned file: its hash, name and type, the
 * C2PA summary the register keeps (every manifest's actions with their digital source type, the
 * ingredients) and the XMP digital source types. Text is cut to the lengths the API accepts
 * (see provenance-schemas.ts), so a long claim generator cannot refuse the whole batch.
 */
const LIMITS = { name: 500, action: 200, format: 200, state: 100, relationship: 100, list: 200, dst: 50 };

export function registrationFor(
  item: ScanItem & { readonly sha256: string },
  link: { readonly usage: AssetUsage; readonly disclosureId: string },
): RegisterAssetInput {
  return {
    sha256: item.sha256,
    fileName: cut(basename(item.path), LIMITS.name),
    mediaType: item.mediaType,
    usage: link.usage,
    disclosureId: link.disclosureId,
    c2pa: c2paOf(item),
    digitalSourceTypes: (item.xmp?.digitalSourceTypes ?? [])
      .slice(0, LIMITS.dst)
      .map((type) => cut(type, LIMITS.name)),
  };
}

function c2paOf(item: ScanItem): AssetC2pa | null {
  const { manifest } = item;
  // A store that was there but could not be verified is `invalid` in the scan; keep it so.
  if (!manifest.present || manifest.validation === 'none') return null;
  // Actions and ingredients of every manifest in the store, the list bounded as the API allows.
  const fromEveryManifest = <T>(pick: (m: (typeof manifest.manifests)[number]) => T[]): T[] =>
    manifest.manifests.flatMap(pick).slice(0, LIMITS.list);
  return {
    activeManifest: maybeCut(manifest.activeManifest, LIMITS.name),
    claimGenerator: maybeCut(manifest.claimGenerator, LIMITS.name),
    signer: maybeCut(manifest.signer, LIMITS.name),
    validation: manifest.validation,
    validationState: maybeCut(manifest.validationState, LIMITS.state),
    actions: fromEveryManifest((m) =>
      m.actions.map((action) => ({
        action: cut(action.action, LIMITS.action),
        digitalSourceType: maybeCut(action.digitalSourceType, LIMITS.name),
        softwareAgent: maybeCut(action.softwareAgent, LIMITS.name),
        manifest: cut(m.label, LIMITS.name),
      })),
    ),
    ingredients: fromEveryManifest((m) =>
      m.ingredients.map((ingredient) => ({
        title: maybeCut(ingredient.title, LIMITS.name),
        format: maybeCut(ingredient.format, LIMITS.format),
        relationship: maybeCut(ingredient.relationship, LIMITS.relationship),
        manifest: maybeCut(ingredient.manifest, LIMITS.name),
      })),
    ),
  };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}

function maybeCut(text: string | null, max: number): string | null {
  return text === null ? null : cut(text, max);
}
