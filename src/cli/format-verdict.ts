import { OUTCOME_SUMMARY } from '../policy/outcome-text.js';
import type { PolicyPack } from '../policy/pack.js';
import type { Finding, Verdict } from '../policy/verdict.js';
import type { Style } from './style.js';

/**
 * The human form of a verdict: the outcome in one line, the findings grouped by the pack's
 * categories with reason and what to do, then open questions and what is required.
 */
export function formatVerdict(verdict: Verdict, pack: PolicyPack, style: Style, source: string): string {
  const lines: string[] = [];
  lines.push(
    `${style.outcome(verdict.outcome, verdict.outcome.toUpperCase())}  ${OUTCOME_SUMMARY[verdict.outcome]}  ${style.dim(`(${source})`)}`,
  );
  for (const category of pack.categories) {
    const findings = verdict.findings.filter((f) => f.category === category.id);
    if (findings.length === 0) continue;
    lines.push('', style.bold(category.title));
    for (const finding of findings) lines.push(...formatFinding(finding, style));
  }
  if (verdict.openQuestions.length > 0) {
    lines.push('', style.bold('Open questions (answer them to settle the verdict)'));
    for (const key of verdict.openQuestions) lines.push(`  - ${key}`);
  }
  if (verdict.requires.length > 0) {
    lines.push('', style.bold('Before you start'));
    const described = new Map(pack.requirements.map((r) => [r.id, r.description]));
    for (const id of verdict.requires) lines.push(`  - ${id}: ${described.get(id) ?? ''}`);
  }
  lines.push('', style.dim(`pack ${verdict.pack}  input ${verdict.inputHash}`));
  return `${lines.join('\n')}\n`;
}

function formatFinding(finding: Finding, style: Style): string[] {
  const subject = finding.subject ? ` (${finding.subject})` : '';
  return [
    `  ${style.outcome(finding.outcome, `${finding.rule} ${finding.outcome}`)}  ${finding.title}${subject}`,
    `      ${finding.reason}`,
    `      What to do: ${finding.resolve}`,
    `      ${style.dim(`Guidance: ${finding.cite}`)}`,
  ];
}
