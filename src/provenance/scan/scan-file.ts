import { readFile } from 'node:fs/promises';
import type { Classification } from '../classify/classify.js';
import { classify } from '../classify/classify.js';
import { readC2pa } from '../media/c2pa-reader.js';
import type { C2paReadResult, C2paSummary } from '../media/c2pa-summary.js';
import type { FileDigest } from '../media/digest-file.js';
import { digestBytes } from '../media/digest-file.js';
import { mediaTypeOf } from '../media/media-type.js';
import {
  bufferSource,
  canReadXmpFromContainer,
  readContainerXmp,
  readContainerXmpFromFile,
} from '../media/xmp-container.js';
import type { ExiftoolXmpReader, XmpReadResult } from '../media/xmp-reader.js';
import { canReadWithExifr, readXmpFromBytes } from '../media/xmp-reader.js';
import { provenanceFindings } from './findings.js';
import type { Finding, ScanItem } from './report-types.js';

export type ScanFileDeps = {
  readonly c2paSettings: string;
  /** Largest file handed to the C2PA reader (it needs the whole file in memory). */
  readonly maxC2paBytes: number;
  /** Files up to this size are read once into memory and every reader shares the bytes. */
  readonly inMemoryBytes: number;
  readonly exiftool: ExiftoolXmpReader;
  readonly serialC2pa: <T>(task: () => Promise<T>) => Promise<T>;
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
  const c2pa = await readManifest(path, inMemory, digest, mime, deps);
  return { c2pa, xmp: await readXmp(path, inMemory, digest, mime, deps) };
}

/**
 * Images exifr knows are parsed in-process from the bytes in memory; video and audio containers
 * are read by our own container walker (a few bounded reads, no payload); anything else, or a
 * container whose layout we do not recognise, goes to ExifTool.
 */
async function readXmp(
  path: string,
  inMemory: Buffer | null,
  digest: FileDigest,
  mime: string | null,
  deps: ScanFileDeps,
): Promise<XmpReadResult> {
  if (inMemory !== null && mime !== null && canReadWithExifr(mime)) return readXmpFromBytes(inMemory);
  if (mime !== null && canReadXmpFromContainer(mime)) {
    const ours =
      inMemory !== null
        ? await readContainerXmp(bufferSource(inMemory), mime)
        : await readContainerXmpFromFile(path, digest.bytes, mime);
    if (ours?.ok === true) return ours;
  }
  return deps.exiftool.read(path);
}

async function readManifest(
  path: string,
  inMemory: Buffer | null,
  digest: FileDigest,
  mime: string | null,
  deps: ScanFileDeps,
): Promise<C2paReadResult> {
  const hint = mime ?? 'application/octet-stream';
  if (inMemory !== null) {
    const result = await deps.serialC2pa(() => readC2pa(inMemory, hint, deps.c2paSettings));
    // The reader also fails on formats it does not support (MXF, EXR); with no manifest store
    // in the bytes that just means "no manifest", not a corrupt file.
    return result.status === 'error' && !digest.hasC2paMarker ? { status: 'none' } : result;
  }
  // Large files: the marker seen while hashing decides whether the whole file is worth loading.
  if (!digest.hasC2paMarker) return { status: 'none' };
  if (digest.bytes > deps.maxC2paBytes)
    return { status: 'too-large', bytes: digest.bytes, limit: deps.maxC2paBytes };
  return deps.serialC2pa(async () => {
    try {
      return await readC2pa(await readFile(path), hint, deps.c2paSettings);
    } catch (error) {
      return { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  });
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
    manifest: {
      present: false,
      validation: 'none',
      activeManifest: null,
      claimGenerator: null,
      signer: null,
      validationState: null,
      failureCodes: [],
      manifests: [],
    },
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
