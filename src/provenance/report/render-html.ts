import type { ScanItem, ScanReport } from '../scan/report-types.js';
import { describeEvidence, describeGate, describeGateSummary, describeTimelineUse } from './evidence-text.js';

/** A self-contained HTML report (inline CSS, no scripts, no external requests); every value is escaped. */
export function renderHtml(report: ScanReport, generatedAt: Date): string {
  const { summary } = report;
  const rows = report.items.map(itemRow).join('\n');
  const reportFindings = summary.reportFindings
    .map(
      (finding) =>
        `<li class="${escapeHtml(finding.severity)}"><b>${escapeHtml(finding.code)}</b> ${escapeHtml(finding.message)}</li>`,
    )
    .join('');
  const classes = Object.entries(summary.byClass)
    .map(([name, count]) => `<li>${escapeHtml(name)}: ${count}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clearframe provenance scan</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}code{font-size:12px;word-break:break-all}
.ai-generated{color:#a00}.ai-composite{color:#b50}.unknown{color:#666}.warning{color:#b50}.blocker{color:#a00;font-weight:bold}.info{color:#555}
ul{margin:.2rem 0;padding-left:1.2rem}
</style></head><body>
<h1>Provenance scan</h1>
<p>${summary.items} items, ${summary.findings.blocker} blocker, ${summary.findings.warning} warning, ${summary.findings.info} info findings${summary.incomplete ? ' &mdash; <b>incomplete: some input could not be read</b>' : ''}. Generated ${escapeHtml(generatedAt.toISOString())}.</p>
${summary.gate === undefined ? '' : `<p><b>${escapeHtml(describeGateSummary(summary.gate))}</b></p>`}
<ul>${classes}</ul>
<p>Trust anchors: ${summary.trustAnchors.length > 0 ? summary.trustAnchors.map(escapeHtml).join(', ') : 'none'}</p>
${summary.timeline === null ? '' : `<p>Timeline ${escapeHtml(summary.timeline.file)} (${escapeHtml(summary.timeline.format)}, ${summary.timeline.events} events): ${summary.timeline.matchedItems} scanned files used, ${summary.timeline.unmatchedClips.length} clip references not found.</p>`}
${reportFindings === '' ? '' : `<ul>${reportFindings}</ul>`}
<table><thead><tr><th>Class</th><th>Manifest</th><th>File</th><th>Evidence</th><th>Findings</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}

function itemRow(item: ScanItem): string {
  const use = describeTimelineUse(item);
  const gate = describeGate(item);
  const findings = item.findings
    .map(
      (finding) =>
        `<li class="${escapeHtml(finding.severity)}"><b>${escapeHtml(finding.code)}</b> ${escapeHtml(finding.message)}</li>`,
    )
    .join('');
  return `<tr><td class="${escapeHtml(item.class)}">${escapeHtml(item.class)}</td><td>${escapeHtml(item.manifest.validation)}${item.manifest.signer === null ? '' : `<br>${escapeHtml(item.manifest.signer)}`}</td>
<td><code>${escapeHtml(item.path)}</code><br><code>${escapeHtml(item.sha256 ?? 'not hashed')}</code></td>
<td>${escapeHtml(describeEvidence(item))}${use === null ? '' : `<br>${escapeHtml(use)}`}${gate === null ? '' : `<br><b>${escapeHtml(gate)}</b>`}</td><td>${findings === '' ? '' : `<ul>${findings}</ul>`}</td></tr>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}
