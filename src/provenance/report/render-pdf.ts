import PDFDocument from 'pdfkit';
import type { ScanReport } from '../scan/report-types.js';
import { describeEvidence, describeGate, describeGateSummary, describeTimelineUse } from './evidence-text.js';

const COLOUR = { blocker: '#a00000', warning: '#b05000', info: '#555555', text: '#111111' } as const;

/**
 * The scan report as a PDF (pdfkit, its built-in Helvetica: no font files, no network): the
 * totals and the gate line first, then per item its class, evidence, timeline use, gate match
 * and findings. Resolves with the whole document.
 */
export function renderPdf(report: ScanReport, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: 'Clearframe provenance scan', Creator: 'clearframe scan' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { summary } = report;
  doc.fillColor(COLOUR.text).fontSize(18).text('Provenance scan');
  doc.moveDown(0.3).fontSize(9).fillColor(COLOUR.info).text(`Generated ${generatedAt.toISOString()}`);
  doc.moveDown(0.5).fontSize(10).fillColor(COLOUR.text);
  doc.text(
    `${summary.items} items: ${Object.entries(summary.byClass)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ')}`,
  );
  doc.text(
    `Findings: ${summary.findings.blocker} blocker, ${summary.findings.warning} warning, ${summary.findings.info} info${summary.incomplete ? ' - INCOMPLETE: some input could not be read' : ''}`,
  );
  if (summary.gate !== undefined)
    doc.font('Helvetica-Bold').text(describeGateSummary(summary.gate)).font('Helvetica');
  if (summary.timeline !== null) {
    doc.text(
      `Timeline ${summary.timeline.file} (${summary.timeline.format}, ${summary.timeline.events} events): ${summary.timeline.matchedItems} scanned files used, ${summary.timeline.unmatchedClips.length} clip references not found`,
    );
  }
  doc.text(`Trust anchors: ${summary.trustAnchors.length > 0 ? summary.trustAnchors.join(', ') : 'none'}`);
  for (const finding of summary.reportFindings) {
    doc
      .fillColor(COLOUR[finding.severity])
      .text(`${finding.severity.toUpperCase()} ${finding.code}: ${finding.message}`);
  }
  for (const item of report.items) {
    doc.moveDown(0.8).fillColor(COLOUR.text).font('Helvetica-Bold').fontSize(10).text(item.path);
    doc.font('Helvetica').fontSize(9);
    doc.text(
      `${item.class} | manifest ${item.manifest.validation}${item.manifest.signer === null ? '' : ` (${item.manifest.signer})`}`,
    );
    doc.text(`SHA-256 ${item.sha256 ?? 'not hashed'}`);
    doc.text(`Why: ${describeEvidence(item)}`);
    const use = describeTimelineUse(item);
    if (use !== null) doc.text(use);
    const gate = describeGate(item);
    if (gate !== null) doc.font('Helvetica-Bold').text(gate).font('Helvetica');
    for (const finding of item.findings) {
      doc
        .fillColor(COLOUR[finding.severity])
        .text(`${finding.severity.toUpperCase()} ${finding.code}: ${finding.message}`);
    }
  }
  doc.end();
  return done;
}
