import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { reconcileWithRegister } from '../../provenance/gate/reconcile-register.js';
import type { DeliveryRegister } from '../../provenance/gate/register-types.js';
import { renderHtml } from '../../provenance/report/render-html.js';
import { renderPdf } from '../../provenance/report/render-pdf.js';
import { renderText } from '../../provenance/report/render-text.js';
import type { ParsedTimeline } from '../../provenance/scan/reconcile-timeline.js';
import type { ScanReport, Severity } from '../../provenance/scan/report-types.js';
import { scan } from '../../provenance/scan/scan.js';
import { describeLocation } from '../../provenance/timeline/model.js';
import { parseTimeline } from '../../provenance/timeline/parse-timeline.js';
import { type ApiClient, addApiOptions, apiClient } from '../api-client.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { createProgress } from '../scan-progress.js';
import { addTrustOption, trustFromOption } from '../trust-option.js';

type ScanOptions = {
  production?: string;
  timeline?: string;
  timelineFps?: number;
  json?: boolean;
  html?: string;
  pdf?: string;
  url?: string;
  token?: string;
  failOn: 'blocker' | 'warning';
  trust: string[];
  maxC2paMb?: number;
};

/**
 * `clearframe scan PATH...`: classifies media offline (hash, C2PA, XMP) and ties it to a timeline.
 * With `--production ID` it is the delivery gate: it fetches the production's asset register and
 * written approvals from the server, reconciles them with the local scan (the same pure function
 * the server's scan job runs), and stores the scan on the server, which reconciles it again in
 * the background and keeps the result (`GET /api/scans/:id`).
 * stdout carries only the report; progress goes to stderr. Exit 0 clean, 1 when a finding reaches
 * --fail-on, 2 for bad usage or when some input could not be read (the report still lists it).
 */
export function registerScan(program: Command): void {
  addApiOptions(
    addTrustOption(
      program
        .command('scan')
        .description('Classify media by provenance (C2PA, XMP digital source type) and tie it to a timeline')
        .argument('<paths...>', 'media files or folders to scan')
        .option(
          '--production <id>',
          "delivery gate: reconcile with the production's asset register and approvals (needs --url/--token)",
        )
        .option('--timeline <file>', 'the final cut: CMX3600 .edl, .otio, .fcpxml or FCP7/Premiere .xml')
        .option('--timeline-fps <fps>', 'frame rate of an EDL (EDLs do not state one)', positiveNumber)
        .option('--json', 'print the report as JSON')
        .option('--html <out>', 'write a self-contained HTML report to this file')
        .option('--pdf <out>', 'write a PDF report to this file')
        .addOption(
          new Option('--fail-on <level>', 'exit 1 when a finding is at least this severe')
            .choices(['blocker', 'warning'])
            .default('blocker'),
        )
        .option(
          '--max-c2pa-mb <mb>',
          'largest file the C2PA reader loads into memory (default 192)',
          positiveNumber,
        ),
    ),
  ).action(async (paths: string[], options: ScanOptions) => {
    const outputs = [options.json === true, options.html !== undefined, options.pdf !== undefined];
    if (outputs.filter(Boolean).length > 1) {
      throw new CliError('--json, --html and --pdf each choose the output; pass one', EXIT.INVALID_INPUT);
    }
    // Reach the server before the (possibly long) scan: a wrong token or production fails in a second.
    const gate =
      options.production === undefined ? null : await fetchRegister(apiClient(options), options.production);
    const trust = await trustFromOption(options.trust);
    const timeline =
      options.timeline === undefined ? null : await readTimeline(options.timeline, options.timelineFps);

    const progress = createProgress();
    let report: ScanReport;
    try {
      report = await scan({
        paths,
        trust,
        timeline,
        ...(options.maxC2paMb === undefined ? {} : { maxC2paBytes: options.maxC2paMb * 1024 * 1024 }),
        onProgress: progress.update,
      });
    } finally {
      progress.stop();
    }
    if (gate !== null) report = await reconcileAndStore(gate, report);

    if (options.html !== undefined) {
      await writeFile(options.html, renderHtml(report, new Date()));
      process.stderr.write(`clearframe: HTML report written to ${options.html}\n`);
    } else if (options.pdf !== undefined) {
      await writeFile(options.pdf, await renderPdf(report, new Date()));
      process.stderr.write(`clearframe: PDF report written to ${options.pdf}\n`);
    } else {
      process.stdout.write(
        options.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderText(report),
      );
    }
    process.exitCode = exitCodeFor(report, options.failOn);
  });
}

/** 1 when the threshold is reached; else 2 when input could not be read (no clean bill for unread files); else 0. */
export function exitCodeFor(report: ScanReport, failOn: 'blocker' | 'warning'): number {
  const counted: Severity[] = failOn === 'blocker' ? ['blocker'] : ['blocker', 'warning'];
  if (counted.some((severity) => report.summary.findings[severity] > 0)) return EXIT.FAILURE;
  if (report.summary.incomplete) return EXIT.INVALID_INPUT;
  return EXIT.OK;
}

type Gate = {
  readonly client: ApiClient;
  readonly productionId: string;
  readonly register: DeliveryRegister;
};

async function fetchRegister(client: ApiClient, productionId: string): Promise<Gate> {
  const register = await client.request<DeliveryRegister>(
    'GET',
    `/api/productions/${encodeURIComponent(productionId)}/delivery-register`,
  );
  return { client, productionId, register };
}

/**
 * Reconciles locally (the exit code must not wait on a queue) and stores the raw scan on the
 * server, whose job reconciles it the same way. A failed upload does not change the verdict: it
 * is said on stderr and `summary.gate.scanId` stays null.
 */
async function reconcileAndStore(gate: Gate, scanned: ScanReport): Promise<ScanReport> {
  const reconciled = reconcileWithRegister(scanned, gate.register, new Date());
  let scanId: string | null = null;
  try {
    const stored = await gate.client.request<{ id: string }>(
      'POST',
      `/api/productions/${encodeURIComponent(gate.productionId)}/scans`,
      { report: forUpload(scanned) },
    );
    scanId = stored.id;
    process.stderr.write(`clearframe: scan stored on the server as ${scanId}\n`);
  } catch (error) {
    process.stderr.write(`clearframe: the scan was not stored on the server: ${(error as Error).message}\n`);
  }
  const summaryGate = reconciled.summary.gate;
  return summaryGate === undefined
    ? reconciled
    : { ...reconciled, summary: { ...reconciled.summary, gate: { ...summaryGate, scanId } } };
}

/** The server takes request bodies up to 1 MiB (src/server/app.ts); keep a margin for the envelope. */
const UPLOAD_LIMIT_BYTES = 1024 * 1024 - 4096;

/**
 * The scan as sent to the server. A report over the body limit is sent without the per-manifest
 * detail (`manifest.manifests`, evidence beyond the first three): the gate needs neither, and the
 * summary says it was compacted. Bigger still, the server refuses it and the CLI says so.
 */
export function forUpload(report: ScanReport): ScanReport {
  if (Buffer.byteLength(JSON.stringify({ report })) <= UPLOAD_LIMIT_BYTES) return report;
  process.stderr.write(
    'clearframe: the report is over the 1 MiB upload limit; sending it without manifest detail\n',
  );
  return {
    items: report.items.map((item) => ({
      ...item,
      manifest: { ...item.manifest, manifests: [] },
      evidence: item.evidence.slice(0, 3),
    })),
    summary: { ...report.summary, compacted: true },
  };
}

async function readTimeline(file: string, fps: number | undefined): Promise<ParsedTimeline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `--timeline ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      EXIT.INVALID_INPUT,
    );
  }
  const result = parseTimeline(file, text, fps === undefined ? {} : { fps });
  if (!result.ok) {
    throw new CliError(
      `--timeline ${file}: ${describeLocation(result.error.location)}: ${result.error.message}`,
      EXIT.INVALID_INPUT,
    );
  }
  return { file, timeline: result.timeline, issues: result.issues };
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number');
  return number;
}
