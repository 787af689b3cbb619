import { availableParallelism } from 'node:os';
import type { ProvenanceClass } from '../classify/classify.js';
import { createC2paReader } from '../media/c2pa-pool.js';
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
import type { WalkEntry } from './walk.js';
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
  /**
   * Files up to 32 MiB read and hashed at once on the main thread (default 4). Each is held
   * whole while its readers run, so this times 32 MiB bounds their memory; more than one lets a
   * file be read and hashed while another waits for the C2PA reader or ExifTool.
   */
  readonly concurrency?: number;
  readonly onProgress?: (progress: ScanProgress) => void;
};

/** Files up to 32 MiB are read once and shared by hash, C2PA and XMP readers; larger ones are streamed. */
const IN_MEMORY_BYTES = 32 * 1024 * 1024;

type WalkedFile = Extract<WalkEntry, { kind: 'file' }>;

/**
 * Walks, reads and classifies every media file under `paths`, then ties the items to the timeline.
 * Two sets of lanes run at once, so neither waits for the other: small files are read whole and
 * hashed on the main thread, files too large to hold are streamed and hashed on the digest pool's
 * worker threads (one lane per worker), and the C2PA reader verifies on a thread of its own.
 */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const walked = await walkPaths(options.paths);
  const files = walked.entries.flatMap((entry) => (entry.kind === 'file' ? [entry] : []));
  const bytesTotal = files.reduce((sum, file) => sum + file.bytes, 0);
  const cores = availableParallelism();
  const exiftool = createExiftoolXmpReader(Math.max(1, Math.min(4, cores)));
  const large = files.flatMap((file, index) => (file.bytes > IN_MEMORY_BYTES ? [index] : []));
  const small = files.flatMap((file, index) => (file.bytes > IN_MEMORY_BYTES ? [] : [index]));
  // One hashing thread per core for the large files; no pool (and no thread) when there are none.
  const digests = createDigestPool(Math.min(large.length, cores));
  const c2pa = createC2paReader(readerSettings(options.trust));
  const deps = {
    maxC2paBytes: options.maxC2paBytes ?? DEFAULT_MAX_C2PA_BYTES,
    inMemoryBytes: IN_MEMORY_BYTES,
    exiftool,
    c2pa,
    digestLarge: digests.digest,
    byContent: new Map(),
  };

  const scanned: ScanItem[] = new Array(files.length);
  let done = 0;
  let bytesDone = 0;
  const scanOne = async (file: WalkedFile, index: number) => {
    scanned[index] = await scanFile(file.path, file.bytes, deps).catch((error: unknown) =>
      unreadableItem(file.path, mediaTypeOf(file.path)?.mime ?? null, error),
    );
    done += 1;
    bytesDone += file.bytes;
    options.onProgress?.({ done, total: files.length, bytesDone, bytesTotal, path: file.path });
  };
  try {
    await Promise.all([
      ...lanes(small, Math.max(1, options.concurrency ?? 4), (index) =>
        scanOne(files[index] as WalkedFile, index),
      ),
      ...lanes(large, Math.max(1, digests.size), (index) => scanOne(files[index] as WalkedFile, index)),
    ]);
  } finally {
    await Promise.all([exiftool.end(), digests.close(), c2pa.close()]);
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

/** `count` lanes taking the next of `indices` in turn until none are left. */
function lanes(
  indices: readonly number[],
  count: number,
  run: (index: number) => Promise<void>,
): Promise<void>[] {
  let next = 0;
  const lane = async () => {
    for (let at = next++; at < indices.length; at = next++) await run(indices[at] as number);
  };
  return Array.from({ length: Math.min(count, indices.length) }, lane);
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
