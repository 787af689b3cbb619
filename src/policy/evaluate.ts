import { canonicalHash, type Sha256Hex, sha256Hex } from '../lib/sha256.js';
import { type ExplanationSink, FALSE, TRUE, UNKNOWN } from './condition.js';
import type { Disclosure } from './disclosure.js';
import type { CompiledCase, CompiledRule, PolicyPack } from './pack.js';
import { type RegistryFacts, withRegistryFacts } from './registry-facts.js';
import type { TemplateVars } from './template.js';
import { type Finding, type Outcome, outcomeRank, type Verdict } from './verdict.js';

type Root = Readonly<Record<string, unknown>>;
type Item = Readonly<Record<string, unknown>>;

export type EvaluateOptions = {
  /**
   * The SHA-256 used for `inputHash`. Defaults to the pure-JS one (browser); the server and
   * CLI pass Node's native one, which gives the same digest faster.
   */
  readonly sha256?: Sha256Hex;
  /** What the studio's tool and consent registries say of the entries this disclosure names. */
  readonly facts?: RegistryFacts;
};

const ESCALATE_RANK = outcomeRank('escalate');

/**
 * Decides a disclosure under a pack. Pure, synchronous and deterministic: the same
 * disclosure and the same pack always give the same verdict, in the browser, on the
 * server and in the CLI. Throws only on a programming error, never on a valid disclosure.
 */
export function evaluate(disclosure: Disclosure, pack: PolicyPack, options: EvaluateOptions = {}): Verdict {
  const root = withRegistryFacts(disclosure as unknown as Root, options.facts);
  const findings: Finding[] = [];
  const openQuestions = new Set<string>();
  for (const rule of pack.compiled) {
    if (rule.forEach === undefined) {
      decideRule(rule, pack, root, undefined, '', findings, openQuestions);
      continue;
    }
    const items = root[rule.forEach] as readonly Item[] | undefined;
    if (items === undefined) continue;
    for (let i = 0; i < items.length; i++) {
      decideRule(rule, pack, root, items[i], `${rule.forEach}[${i}]`, findings, openQuestions);
    }
  }

  let rank = 0;
  let outcome: Outcome = 'notify';
  const required = new Set<string>();
  for (const finding of findings) {
    const r = outcomeRank(finding.outcome);
    if (r > rank) {
      rank = r;
      outcome = finding.outcome;
    }
    for (const requirement of finding.requires) required.add(requirement);
  }
  return {
    outcome,
    pack: `${pack.id}@${pack.version}`,
    inputHash: canonicalHash(disclosure, options.sha256 ?? sha256Hex),
    findings,
    openQuestions: [...openQuestions],
    requires: required.size === 0 ? [] : pack.requirements.map((r) => r.id).filter((id) => required.has(id)),
    ...(options.facts ? { facts: options.facts } : {}),
  };
}

function decideRule(
  rule: CompiledRule,
  pack: PolicyPack,
  root: Root,
  item: Item | undefined,
  itemPath: string,
  findings: Finding[],
  openQuestions: Set<string>,
): void {
  const gate = rule.when.test(root, item);
  if (gate === FALSE) return;
  // Only rules that fire pay for explanations.
  const explained: ExplanationSink = { because: [], unknowns: [] };
  rule.when.explain(root, item, itemPath, explained);
  const subject = rule.subject === undefined ? undefined : String(item?.[rule.subject] ?? '');
  const detail = rule.detail === undefined ? '' : String(item?.[rule.detail] ?? '');

  if (gate === UNKNOWN) {
    // An unknown fact never raises the verdict above escalate on its own.
    const outcome: Outcome = outcomeRank(rule.base.outcome) > ESCALATE_RANK ? 'escalate' : rule.base.outcome;
    const unknowns = distinct(explained.unknowns);
    for (const key of unknowns) openQuestions.add(key);
    const vars = templateVars(rule, subject, detail, '', unknowns.join(', '));
    const reason = rule.base.reason(vars);
    const withReason = { ...vars, reason };
    findings.push(
      finding(rule, outcome, subject, {
        reason: pack.compiledTemplates.unknownReason(withReason),
        resolve: pack.compiledTemplates.unknownResolve(withReason),
        evidence: [],
        openQuestions: unknowns,
        requires: pack.unknownRequires,
      }),
    );
    return;
  }

  const chosen = chooseCase(rule, root, item, itemPath, openQuestions);
  const evidence =
    chosen.evidence.length === 0 ? explained.because : [...explained.because, ...chosen.evidence];
  const vars = templateVars(rule, subject, detail, evidence.join('; '), '');
  const reason = chosen.rule.reason(vars);
  const isContradiction = rule.readAnswer !== undefined && rule.readAnswer(root) === 'yes';
  findings.push(
    finding(rule, chosen.rule.outcome, subject, {
      reason: isContradiction ? pack.compiledTemplates.contradictionReason({ ...vars, reason }) : reason,
      resolve: chosen.rule.resolve(vars),
      evidence,
      openQuestions: chosen.openQuestions,
      requires: chosen.rule.requires,
      contradiction: isContradiction,
    }),
  );
}

type Choice = {
  readonly rule: CompiledCase;
  readonly evidence: readonly string[];
  readonly openQuestions: readonly string[];
};

/**
 * The first case whose condition holds, else the rule's own outcome. A case left UNKNOWN on
 * the way whose outcome differs from the one chosen is an open question: answering it could
 * change this finding.
 */
function chooseCase(
  rule: CompiledRule,
  root: Root,
  item: Item | undefined,
  itemPath: string,
  open: Set<string>,
): Choice {
  let undecided: { outcome: Outcome; unknowns: readonly string[] }[] | undefined;
  let chosen: CompiledCase = rule.base;
  let evidence: readonly string[] = [];
  for (const candidate of rule.cases) {
    const value = candidate.when.test(root, item);
    if (value === FALSE) continue;
    const sink: ExplanationSink = { because: [], unknowns: [] };
    candidate.when.explain(root, item, itemPath, sink);
    if (value === TRUE) {
      chosen = candidate;
      evidence = sink.because;
      break;
    }
    undecided ??= [];
    undecided.push({ outcome: candidate.outcome, unknowns: sink.unknowns });
  }
  const questions = undecided
    ? distinct(undecided.filter((u) => u.outcome !== chosen.outcome).flatMap((u) => u.unknowns))
    : [];
  for (const key of questions) open.add(key);
  return { rule: chosen, evidence, openQuestions: questions };
}

/** The same key can be reached through two branches; a finding names it once. */
function distinct(values: readonly string[]): readonly string[] {
  return values.length < 2 ? values : [...new Set(values)];
}

function templateVars(
  rule: CompiledRule,
  subject: string | undefined,
  detail: string,
  evidence: string,
  unknowns: string,
): TemplateVars {
  return { subject: subject ?? '', detail, evidence, unknowns, answer: rule.answer ?? '', reason: '' };
}

type FindingDetails = {
  readonly reason: string;
  readonly resolve: string;
  readonly evidence: readonly string[];
  readonly openQuestions: readonly string[];
  readonly requires: readonly string[];
  readonly contradiction?: boolean;
};

function finding(
  rule: CompiledRule,
  outcome: Outcome,
  subject: string | undefined,
  details: FindingDetails,
): Finding {
  const result: {
    -readonly [K in keyof Finding]: Finding[K];
  } = {
    rule: rule.id,
    title: rule.title,
    category: rule.category,
    outcome,
    reason: details.reason,
    cite: rule.cite,
    resolve: details.resolve,
    evidence: details.evidence,
    requires: details.requires,
  };
  if (subject !== undefined) result.subject = subject;
  if (details.openQuestions.length > 0) result.openQuestions = details.openQuestions;
  if (details.contradiction) result.contradiction = true;
  return result;
}
