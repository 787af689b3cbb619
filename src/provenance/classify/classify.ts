import type { C2paSummary, ManifestSummary } from '../media/c2pa-summary.js';
import { normaliseDigitalSourceType } from './digital-source-type.js';
import { genAiProductIn } from './genai-products.js';

export type ProvenanceClass = 'ai-generated' | 'ai-composite' | 'no-ai-signal' | 'unknown';
type AiClass = 'ai-generated' | 'ai-composite';

/** One fact behind a class: where it was found and what it said. */
export type Evidence = {
  readonly class: AiClass;
  readonly strength: 'strong' | 'weak';
  readonly source:
    | 'c2pa-action'
    | 'c2pa-action-parameter'
    | 'c2pa-ingredient-manifest'
    | 'xmp'
    | 'claim-generator'
    | 'software-agent';
  readonly manifest: string | null;
  readonly assertion: string | null;
  readonly action: string | null;
  readonly value: string;
};

export type Classification = {
  readonly class: ProvenanceClass;
  readonly evidence: readonly Evidence[];
  /** Every source type string found (C2PA actions and parameters in all manifests, then XMP), as written. */
  readonly digitalSourceTypes: readonly string[];
};

export type ClassifyInput = {
  /** Null when the asset has no manifest (or none could be read). */
  readonly c2pa: C2paSummary | null;
  readonly xmpDigitalSourceTypes: readonly string[];
};

const INCEPTION = new Set(['c2pa.created', 'c2pa.opened']);

/**
 * Decides the class from, in order of strength: source types on the active manifest's actions
 * (and vendor parameters) and in XMP; then AI source types in ingredient manifests (AI material
 * went into this asset); then a claim generator or software agent naming a GenAI product.
 * No manifest and no AI signal is `unknown`: absence of provenance is not evidence of no AI.
 * XMP is unsigned, so it can raise the class to AI but never vouch for "no AI".
 */
export function classify(input: ClassifyInput): Classification {
  const manifests = input.c2pa?.manifests ?? [];
  const active = manifests.find((manifest) => manifest.isActive) ?? null;
  const digitalSourceTypes = [
    ...manifests.flatMap((manifest) =>
      manifest.actions.flatMap((action) => [
        ...(action.digitalSourceType === null ? [] : [action.digitalSourceType]),
        ...action.parameterSourceTypes.map((parameter) => parameter.value),
      ]),
    ),
    ...input.xmpDigitalSourceTypes,
  ];

  const strong = [
    ...(active === null ? [] : activeManifestEvidence(active)),
    ...xmpEvidence(input.xmpDigitalSourceTypes),
  ];
  if (strong.length > 0) return { class: strongest(strong), evidence: strong, digitalSourceTypes };

  const ingredients = manifests.filter((manifest) => !manifest.isActive).flatMap(ingredientEvidence);
  if (ingredients.length > 0) return { class: 'ai-composite', evidence: ingredients, digitalSourceTypes };

  if (active !== null && !statesAnySourceType(active)) {
    const weak = productEvidence(active);
    if (weak.length > 0) return { class: 'ai-generated', evidence: weak, digitalSourceTypes };
  }
  return { class: input.c2pa === null ? 'unknown' : 'no-ai-signal', evidence: [], digitalSourceTypes };
}

function activeManifestEvidence(manifest: ManifestSummary): Evidence[] {
  return manifest.actions.flatMap((action) => {
    const found = [
      ...(action.digitalSourceType === null
        ? []
        : [{ value: action.digitalSourceType, source: 'c2pa-action' as const }]),
      ...action.parameterSourceTypes.map((parameter) => ({
        value: parameter.value,
        source: 'c2pa-action-parameter' as const,
      })),
    ];
    return found.flatMap(({ value, source }): Evidence[] => {
      const { category } = normaliseDigitalSourceType(value);
      if (category !== 'ai-generated' && category !== 'ai-composite') return [];
      // Trained-AI media on an edit (not the creating action) means AI went into part of the asset.
      const aiClass: AiClass =
        category === 'ai-generated' && INCEPTION.has(action.action) ? 'ai-generated' : 'ai-composite';
      return [
        {
          class: aiClass,
          strength: 'strong',
          source,
          manifest: manifest.label,
          assertion: action.assertion,
          action: action.action,
          value,
        },
      ];
    });
  });
}

function xmpEvidence(values: readonly string[]): Evidence[] {
  return values.flatMap((value): Evidence[] => {
    const { category } = normaliseDigitalSourceType(value);
    if (category !== 'ai-generated' && category !== 'ai-composite') return [];
    return [
      {
        class: category,
        strength: 'strong',
        source: 'xmp',
        manifest: null,
        assertion: 'Iptc4xmpExt:DigitalSourceType',
        action: null,
        value,
      },
    ];
  });
}

function ingredientEvidence(manifest: ManifestSummary): Evidence[] {
  return activeManifestEvidence(manifest).map((evidence) => ({
    ...evidence,
    class: 'ai-composite',
    source: 'c2pa-ingredient-manifest',
  }));
}

function statesAnySourceType(manifest: ManifestSummary): boolean {
  return manifest.actions.some(
    (action) => action.digitalSourceType !== null || action.parameterSourceTypes.length > 0,
  );
}

function productEvidence(manifest: ManifestSummary): Evidence[] {
  const evidence: Evidence[] = [];
  const generator = manifest.claimGenerator;
  if (generator !== null && genAiProductIn(generator) !== null) {
    evidence.push({
      class: 'ai-generated',
      strength: 'weak',
      source: 'claim-generator',
      manifest: manifest.label,
      assertion: null,
      action: null,
      value: generator,
    });
  }
  for (const action of manifest.actions) {
    if (
      action.softwareAgent !== null &&
      INCEPTION.has(action.action) &&
      genAiProductIn(action.softwareAgent) !== null
    ) {
      evidence.push({
        class: 'ai-generated',
        strength: 'weak',
        source: 'software-agent',
        manifest: manifest.label,
        assertion: action.assertion,
        action: action.action,
        value: action.softwareAgent,
      });
    }
  }
  return evidence;
}

function strongest(evidence: readonly Evidence[]): AiClass {
  return evidence.some((item) => item.class === 'ai-generated') ? 'ai-generated' : 'ai-composite';
}
