import type { ScanReport } from '../scan/report-types.js';
import { describeEvidence, describeGate, describeGateSummary, describeTimelineUse } from './evidence-text.js';

/** The default, human-readable report: one block per item, then the totals. */
export function renderText(report: ScanReport): string {
  const lines: string[] = [];
  const classWidth = 13;
  const validationWidth = 10;
  lines.push(`${'CLASS'.padEnd(classWidth)} ${'MANIFEST'.padEnd(validationWidth)} PATH`);
  for (const item of report.items) {
    lines.push(
      `${item.class.padEnd(classWidth)} ${item.manifest.validation.padEnd(validationWidth)} ${item.path}`,
    );
    const indent = ' '.repeat(classWidth + validationWidth + 2);
    lines.push(`${indent}why: ${describeEvidence(item)}`);
    if (item.manifest.signer !== null) lines.push(`${indent}signer: ${item.manifest.signer}`);
    const use = describeTimelineUse(item);
    if (use !== null) lines.push(`${indent}${use}`);
    const gate = describeGate(item);
    if (gate !== null) lines.push(`${indent}${gate}`);
    for (const finding of item.findings)
      lines.push(`${indent}${finding.severity.toUpperCase()} ${finding.code}: ${finding.message}`);
  }
  const { summary } = report;
  lines.push('');
  for (const finding of summary.reportFindings)
    lines.push(`${finding.severity.toUpperCase()} ${finding.code}: ${finding.message}`);
  if (summary.timeline !== null) {
    const t = summary.timeline;
    lines.push(
      `timeline ${t.file} (${t.format}, ${t.events} events, ${t.fps ?? '?'} fps): ${t.matchedItems} scanned files used, ${t.unmatchedClips.length} clip references not found among them`,
    );
  }
  if (summary.gate !== undefined) lines.push(describeGateSummary(summary.gate));
  const classes = Object.entries(summary.byClass)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
  lines.push(`${summary.items} items: ${classes}`);
  lines.push(
    `findings: ${summary.findings.blocker} blocker, ${summary.findings.warning} warning, ${summary.findings.info} info${summary.incomplete ? '; INCOMPLETE: some input could not be read' : ''}`,
  );
  lines.push(
    summary.trustAnchors.length > 0
      ? `trust anchors: ${summary.trustAnchors.join(', ')}`
      : 'trust anchors: none (intact manifests show as untrusted; pass --trust)',
  );
  return `${lines.join('\n')}\n`;
}
