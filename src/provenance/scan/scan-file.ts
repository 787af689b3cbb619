import { readFile } from 'node:fs/promises';
import type { Classification } from '../classify/classify.js';
import { classify } from '../classify/classify.js';
import type { C2paReader } from '../media/c2pa-pool.js';
import type { C2paReadResult, C2paSummary } from '../media/c2pa-summary.js';
import type { FileDigest } from '../media/digest-file.js';
import { digestBytes } from '../media/digest-file.js';
import { mayHoldC2pa } from '../media/may-hold-c2pa.js';
import { mediaTypeOf } from '../media/media-type.js';
import { readXmpFacts } from '../media/read-xmp.js';
import type { ExiftoolXmpReader, XmpReadResult } from '../media/xmp-reader.js';
import { provenanceFindings } from './findings.js';
import type { Finding, ScanItem } from './report-types.js';

export type ScanFileDeps = {
  /** Largest file handed to the C2PA reader (it needs the whole file in memory). */
  readonly maxC2paBytes: number;
  /** Files up to this size are read once into memory and every reader shares the bytes. */
  readonly inMemoryBytes: number;
  readonly exiftool: ExiftoolXmpReader;
  /** The C2PA reader on its worker thread, one asset at a time. */
  readonly c2pa: C2paReader;
  /** Streams and hashes a file too large to hold (on a worker thread when the pool has one). */
  readonly digestLarge: (path: string) => Promise<FileDigest>;
  /**
   * Reader results by content hash. The same bytes read with the same trust settings give the
   * same answer, and deliveries repeat files (a plate in every reel), so each content is read once.
   */
  readonly byContent: Map<string, Promise<ProvenanceRead>>;
};

type ProvenanceRead = { readonly c2pa: C2paReadResult; readonly xmp: XmpReadResult };

/**
 * One file: hash, C2PA, XMP, class and findings. Never throws for a bad file: an unreadable,
 * truncated or corrupt file comes back as an item with a finding, so the scan goes on.
 */
export async function scanFile(path: string, size: number, deps: ScanFileDeps): Promise<ScanItem> {
  const mime = mediaTypeOf(path)?.mime ?? null;
  let bytes: Buffer | null = null;
  let digest: FileDigest;
  try {
    if (size <= deps.inMemoryBytes) {
      bytes = await readFile(path);
      digest = digestBytes(bytes);
    } else {
      digest = await deps.digestLarge(path);
    }
  } catch (error) {
    return unreadableItem(path, mime, error);
  }

  let read = deps.byContent.get(digest.sha256);
  if (read === undefined) {
    read = readProvenance(path, bytes, digest, mime, deps);
    deps.byContent.set(digest.sha256, read);
  }
  bytes = null;
  const { c2pa, xmp } = await read;

  const summary = c2pa.status === 'manifest' ? c2pa.summary : null;
  const xmpFacts = xmp.ok ? xmp.facts : null;
  const classification = classify({
    c2pa: summary,
    xmpDigitalSourceTypes: xmpFacts?.digitalSourceTypes ?? [],
  });
  const findings: Finding[] = [
    ...readerFindings(c2pa, xmp),
    ...provenanceFindings(classification, summary, xmpFacts?.provenance ?? null),
  ];
  return toItem(path, digest, mime, c2pa, summary, classification, xmpFacts, findings);
}

async function readProvenance(
  path: string,
  inMemory: Buffer | null,
  digest: FileDigest,
  mime: string | null,
  deps: ScanFileDeps,
): Promise<ProvenanceRead> {
  // XMP first: the C2PA reader takes the bytes (they move to its worker thread).
  const xmp = await readXmpFacts({
    path,
    size: digest.bytes,
    mime,
    bytes: inMemory,
    exiftool: deps.exiftool,
  });
  return { c2pa: await readManifest(path, inMemory, digest, mime, deps), xmp };
}

/**
 * The C2PA reader runs only where a manifest store may be: the store marker was seen while
 * hashing, or the format keeps its store where the marker may not show as plain bytes (see
 * may-hold-c2pa.ts). Everything else has no manifest to read, whatever the reader would say.
 */
async function readManifest(
  path: string,
  inMemory: Buffer | null,
  digest: FileDigest,
  mime: string | null,
  deps: ScanFileDeps,
): Promise<C2paReadResult> {
  if (!mayHoldC2pa(digest.hasC2paMarker, mime, inMemory)) return { status: 'none' };
  // Large files: the marker seen while hashing decides whether the whole file is worth loading.
  if (inMemory === null && digest.bytes > deps.maxC2paBytes)
    return { status: 'too-large', bytes: digest.bytes, limit: deps.maxC2paBytes };
  const result = await deps.c2pa.read({ path, mime: mime ?? 'application/octet-stream', bytes: inMemory });
  // The reader also fails on formats it does not support; with no manifest store in the bytes
  // that just means "no manifest", not a corrupt file.
  return result.status === 'error' && !digest.hasC2paMarker ? { status: 'none' } : result;
}

function readerFindings(c2pa: C2paReadResult, xmp: XmpReadResult): Finding[] {
  const findings: Finding[] = [];
  if (c2pa.status === 'error') {
    findings.push({
      severity: 'warning',
      code: 'media.corrupt',
      message: `the C2PA reader could not read this file (${c2pa.message}): truncated or corrupt media; provenance unknown`,
    });
  }
  if (c2pa.status === 'too-large') {
    const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
    findings.push({
      severity: 'warning',
      code: 'c2pa.not-verified-too-large',
      message: `a C2PA manifest is present but the file (${mb(c2pa.bytes)}) is over the ${mb(c2pa.limit)} in-memory bound of the C2PA reader, so it was not verified; raise --max-c2pa-mb on a host with the memory`,
    });
  }
  if (!xmp.ok)
    findings.push({
      severity: 'warning',
      code: 'xmp.unreadable',
      message: `XMP metadata could not be read (${xmp.message})`,
    });
  return findings;
}

function toItem(
  path: string,
  digest: FileDigest,
  mime: string | null,
  c2pa: C2paReadResult,
  summary: C2paSummary | null,
  classification: Classification,
  xmp: { readonly digitalSourceTypes: readonly string[]; readonly provenance: string | null } | null,
  findings: readonly Finding[],
): ScanItem {
  // A store that is there but could not be verified (corrupt file, over the bound) counts as invalid:
  // a delivery gate must not treat an unverifiable manifest as a good one.
  const unverified = (c2pa.status === 'error' && digest.hasC2paMarker) || c2pa.status === 'too-large';
  return {
    path,
    sha256: digest.sha256,
    bytes: digest.bytes,
    mediaType: mime,
    class: classification.class,
    manifest: {
      present: summary !== null || unverified,
      validation: summary?.validation ?? (unverified ? 'invalid' : 'none'),
      activeManifest: summary?.activeManifest ?? null,
      claimGenerator: summary?.claimGenerator ?? null,
      signer: summary?.signer ?? null,
      validationState: summary?.validationState ?? null,
      failureCodes: summary?.failureCodes ?? [],
      manifests: summary?.manifests ?? [],
    },
    digitalSourceTypes: classification.digitalSourceTypes,
    evidence: classification.evidence,
    xmp,
    timelineReferences: [],
    findings,
  };
}

/** The manifest facts of an item with no C2PA manifest (or none read). */
export const NO_MANIFEST: ScanItem['manifest'] = {
  present: false,
  validation: 'none',
  activeManifest: null,
  claimGenerator: null,
  signer: null,
  validationState: null,
  failureCodes: [],
  manifests: [],
};

/** An item the scan could not read at all; `code` names why (permissions, a loop, a vanished file). */
export function unreadableItem(
  path: string,
  mime: string | null,
  error: unknown,
  code = 'read.error',
): ScanItem {
  const reason =
    error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  return {
    path,
    sha256: null,
    bytes: null,
    mediaType: mime,
    class: 'unknown',
    manifest: NO_MANIFEST,
    digitalSourceTypes: [],
    evidence: [],
    xmp: null,
    timelineReferences: [],
    findings: [
      {
        severity: 'warning',
        code,
        message:
          code === 'read.error'
            ? `file cannot be read (${reason}); check permissions and that it still exists`
            : reason,
      },
    ],
  };
}
