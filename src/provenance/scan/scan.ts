import { availableParallelism } from 'node:os';
import type { ProvenanceClass } from '../classify/classify.js';
import { DEFAULT_MAX_C2PA_BYTES, readerSettings } from '../media/c2pa-reader.js';
import type { Validation } from '../media/c2pa-summary.js';
import { createDigestPool } from '../media/digest-pool.js';
import { mediaTypeOf } from '../media/media-type.js';
import type { TrustSettings } from '../media/trust.js';
import { createExiftoolXmpReader } from '../media/xmp-reader.js';
import type { ParsedTimeline } from './reconcile-timeline.js';
import { reconcileTimeline } from './reconcile-timeline.js';
import type { Finding, ScanItem, ScanReport, Severity, TimelineSummary } from './report-types.js';
import { scanFile, unreadableItem } from './scan-file.js';
import { createSerialQueue } from './serial.js';
import { walkPaths } from './walk.js';

export type ScanProgress = {
  readonly done: number;
  readonly total: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly path: string;
};

export type ScanOptions = {
  readonly paths: readonly string[];
  readonly trust: TrustSettings | null;
  readonly timeline?: ParsedTimeline | null;
  readonly maxC2paBytes?: number;
  /** Files read in parallel; hashing is CPU-bound on one thread, so more mostly overlaps I/O and ExifTool. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: ScanProgress) => void;
};

/** Files up to 32 MiB are read once and shared by hash, C2PA and XMP readers; larger ones are streamed. */
const IN_MEMORY_BYTES = 32 * 1024 * 1024;

/** Walks, reads and classifies every media file under `paths`, then ties the items to the timeline. */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const walked = await walkPaths(options.paths);
  const files = walked.entries.flatMap((entry) => (entry.kind === 'file' ? [entry] : []));
  const bytesTotal = files.reduce((sum, file) => sum + file.bytes, 0);
  const parallel = Math.max(1, options.concurrency ?? Math.min(4, availableParallelism()));
  const exiftool = createExiftoolXmpReader(Math.max(1, Math.min(4, availableParallelism())));
  // Only files too large to read whole are hashed on workers; no pool when there are none.
  const largeFiles = files.filter((file) => file.bytes > IN_MEMORY_BYTES).length;
  const digests = createDigestPool(Math.min(largeFiles, parallel, availableParallelism()));
  const deps = {
    c2paSettings: readerSettings(options.trust),
    maxC2paBytes: options.maxC2paBytes ?? DEFAULT_MAX_C2PA_BYTES,
    inMemoryBytes: IN_MEMORY_BYTES,
    exiftool,
    serialC2pa: createSerialQueue(),
    digestLarge: digests.digest,
    byContent: new Map(),
  };

  const scanned: ScanItem[] = new Array(files.length);
  let next = 0;
  let done = 0;
  let bytesDone = 0;
  const worker = async () => {
    for (let index = next++; index < files.length; index = next++) {
      const file = files[index];
      if (file === undefined) continue;
      scanned[index] = await scanFile(file.path, file.bytes, deps).catch((error: unknown) =>
        unreadableItem(file.path, mediaTypeOf(file.path)?.mime ?? null, error),
      );
      done += 1;
      bytesDone += file.bytes;
      options.onProgress?.({ done, total: files.length, bytesDone, bytesTotal, path: file.path });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, Math.max(1, files.length)) }, worker));
  } finally {
    await Promise.all([exiftool.end(), digests.close()]);
  }

  const problems = walked.entries.flatMap((entry) =>
    entry.kind === 'problem' ? [unreadableItem(entry.path, null, new Error(entry.message), entry.code)] : [],
  );
  let items: ScanItem[] = [...scanned, ...problems];
  let timeline: TimelineSummary | null = null;
  let reportFindings: Finding[] = [];
  if (options.timeline != null) {
    const reconciled = reconcileTimeline(items, options.timeline);
    items = reconciled.items;
    timeline = reconciled.summary;
    reportFindings = reconciled.findings;
  }
  return {
    items,
    summary: {
      items: items.length,
      byClass: countBy<ProvenanceClass>(
        ['ai-generated', 'ai-composite', 'no-ai-signal', 'unknown'],
        items.map((item) => item.class),
      ),
      byValidation: countBy<Validation>(
        ['trusted', 'untrusted', 'invalid', 'none'],
        items.map((item) => item.manifest.validation),
      ),
      findings: countBy<Severity>(
        ['blocker', 'warning', 'info'],
        [...items.flatMap((item) => item.findings), ...reportFindings].map((finding) => finding.severity),
      ),
      reportFindings,
      incomplete: items.some((item) => item.findings.some((finding) => INCOMPLETE_CODES.has(finding.code))),
      skippedNonMedia: walked.skipped,
      trustAnchors: options.trust?.sources ?? [],
      timeline,
      bytes: bytesTotal,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    },
  };
}

/** Findings that mean some input was not read, so the scan cannot vouch for it. */
export const INCOMPLETE_CODES: ReadonlySet<string> = new Set([
  'read.error',
  'walk.symlink-loop',
  'walk.unreadable',
  'walk.not-found',
  'media.corrupt',
  'c2pa.not-verified-too-large',
  'xmp.unreadable',
]);

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}
