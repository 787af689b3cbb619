import type { Evidence, ProvenanceClass } from '../classify/classify.js';
import type { GateSummary, ItemGate } from '../gate/register-types.js';
import type { ManifestSummary, Validation } from '../media/c2pa-summary.js';
import type { SourceLocation, TimelineFormat } from '../timeline/model.js';

/**
 * The `clearframe scan --json` contract (design.md): `items[]` with path, sha256, mediaType, class,
 * manifest { present, validation }, digitalSourceTypes and findings, plus `summary`. Fields beyond
 * those are additions the contract allows; none of the contract's names may change.
 */
export type Severity = 'blocker' | 'warning' | 'info';

export type Finding = { readonly severity: Severity; readonly code: string; readonly message: string };

export type TimelineReference = {
  readonly timeline: string;
  readonly event: string;
  readonly clip: string | null;
  readonly track: string;
  /** Record in as timecode at the timeline rate, when known. */
  readonly recordIn: string | null;
  /** For a clip inside a compound clip or nest, the outer clip names, outermost first. */
  readonly via: readonly string[];
  readonly location: SourceLocation;
};

export type ScanItem = {
  readonly path: string;
  readonly sha256: string | null;
  readonly bytes: number | null;
  readonly mediaType: string | null;
  readonly class: ProvenanceClass;
  readonly manifest: {
    readonly present: boolean;
    readonly validation: Validation;
    readonly activeManifest: string | null;
    readonly claimGenerator: string | null;
    readonly signer: string | null;
    readonly validationState: string | null;
    readonly failureCodes: readonly string[];
    readonly manifests: readonly ManifestSummary[];
  };
  readonly digitalSourceTypes: readonly string[];
  readonly evidence: readonly Evidence[];
  readonly xmp: { readonly digitalSourceTypes: readonly string[]; readonly provenance: string | null } | null;
  readonly timelineReferences: readonly TimelineReference[];
  readonly findings: readonly Finding[];
  /** Set by the delivery gate (`--production`): matched asset, disclosure and approval, or why none. */
  readonly gate?: ItemGate;
};

export type UnmatchedClip = {
  readonly event: string;
  readonly clip: string | null;
  readonly names: readonly string[];
  readonly location: SourceLocation;
};

export type TimelineSummary = {
  readonly file: string;
  readonly format: TimelineFormat;
  readonly name: string | null;
  readonly fps: number | null;
  readonly events: number;
  readonly mediaReferences: number;
  readonly matchedItems: number;
  readonly unmatchedClips: readonly UnmatchedClip[];
};

export type ScanSummary = {
  readonly items: number;
  readonly byClass: Readonly<Record<ProvenanceClass, number>>;
  readonly byValidation: Readonly<Record<Validation, number>>;
  readonly findings: Readonly<Record<Severity, number>>;
  /** Problems that belong to no single item: timeline lines, timeline clips with no scanned file. */
  readonly reportFindings: readonly Finding[];
  /** True when some input could not be read; the classes then describe only what was read. */
  readonly incomplete: boolean;
  readonly skippedNonMedia: number;
  readonly trustAnchors: readonly string[];
  readonly timeline: TimelineSummary | null;
  readonly bytes: number;
  readonly seconds: number;
  /** Set by the delivery gate (`--production`). */
  readonly gate?: GateSummary;
  /** True on a report sent to the server without manifest detail (over the upload limit). */
  readonly compacted?: boolean;
};

export type ScanReport = { readonly items: readonly ScanItem[]; readonly summary: ScanSummary };
