import { canonicalHash, type Sha256Hex, sha256Hex } from '../lib/sha256.js';
import { FALSE, type Inputs, TRUE, UNKNOWN } from './condition.js';
import type { Disclosure } from './disclosure.js';
import { FactMemo } from './fact-memo.js';
import type { CompiledCase, CompiledRule, PolicyPack } from './pack.js';
import type { RegistryFacts } from './registry-facts.js';
import type { TemplateVars } from './template.js';
import { Trail } from './trail.js';
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
  // An evaluation started while one runs (a getter of the disclosure could) gets its own scratch.
  const scratch = idle ?? { memo: new FactMemo(), trail: new Trail() };
  idle = undefined;
  try {
    return decide(disclosure, pack, options, scratch);
  } finally {
    scratch.memo.next();
    idle = scratch;
  }
}

/** What an evaluation works in, kept for the next one: allocating the memo is not cheap. */
type Scratch = { readonly memo: FactMemo; readonly trail: Trail };

/** The scratch between evaluations; `undefined` while one is in use. */
let idle: Scratch | undefined;

function decide(
  disclosure: Disclosure,
  pack: PolicyPack,
  options: EvaluateOptions,
  scratch: Scratch,
): Verdict {
  // Registry facts are read beside the disclosure's items, by index, never copied into them.
  const inputs: Inputs = {
    disclosure: disclosure as unknown as Root,
    registry: options.facts,
    memo: scratch.memo,
  };
  const run: Run = {
    pack,
    inputs,
    trail: scratch.trail,
    findings: [],
    openQuestions: [],
    required: new Array<boolean>(pack.requirements.length).fill(false),
    lastRequires: undefined,
  };
  for (const rule of pack.compiled) {
    if (rule.forEach === undefined) {
      decideRule(run, rule, undefined, NO_ITEM);
      continue;
    }
    const items = inputs.disclosure[rule.forEach] as readonly Item[] | undefined;
    if (items === undefined) continue;
    for (let i = 0; i < items.length; i++) decideRule(run, rule, items[i], i);
  }

  let rank = 0;
  let outcome: Outcome = 'notify';
  for (const finding of run.findings) {
    const r = outcomeRank(finding.outcome);
    if (r > rank) {
      rank = r;
      outcome = finding.outcome;
    }
  }
  const verdict: { -readonly [K in keyof Verdict]: Verdict[K] } = {
    outcome,
    pack: `${pack.id}@${pack.version}`,
    inputHash: canonicalHash(disclosure, options.sha256 ?? sha256Hex),
    findings: run.findings,
    openQuestions: run.openQuestions,
    requires: requirementsOf(run),
  };
  if (options.facts) verdict.facts = options.facts;
  return verdict;
}

/** Adds a finding and marks what it requires: `requiresAt`, its requirements' places in the pack. */
function report(run: Run, finding: Finding, requiresAt: readonly number[]): void {
  run.findings.push(finding);
  // Findings decided by the same case share its list: a list just marked needs no second look.
  if (requiresAt === run.lastRequires) return;
  run.lastRequires = requiresAt;
  for (const at of requiresAt) run.required[at] = true;
}

/** What the findings require, each once, in the pack's order. */
function requirementsOf(run: Run): string[] {
  const { requirements } = run.pack;
  const required: string[] = [];
  for (let i = 0; i < run.required.length; i++) {
    if (run.required[i]) required.push((requirements[i] as { readonly id: string }).id);
  }
  return required;
}

/** One evaluation in progress: what every rule reads and where findings go. */
type Run = {
  readonly pack: PolicyPack;
  readonly inputs: Inputs;
  /** Reused by every rule: cleared before each. */
  readonly trail: Trail;
  readonly findings: Finding[];
  /** Each key once, in the order first met: a handful, so a list is cheaper than a Set. */
  readonly openQuestions: string[];
  /** By place in the pack's requirements: whether a finding so far requires it. */
  readonly required: boolean[];
  /** Where the requirements of the finding last reported are in the pack. */
  lastRequires: readonly number[] | undefined;
};

/** The index of a rule that is not evaluated per list item. */
const NO_ITEM = -1;

function decideRule(run: Run, rule: CompiledRule, item: Item | undefined, index: number): void {
  const { pack, inputs, trail } = run;
  trail.clear();
  const gate = rule.when(inputs, item, index, trail);
  if (gate === FALSE) return;
  const subject = rule.readSubject && String(rule.readSubject(inputs, item, index) ?? '');
  const detail = rule.readDetail ? String(rule.readDetail(inputs, item, index) ?? '') : '';

  if (gate === UNKNOWN) {
    // An unknown fact never raises the verdict above escalate on its own.
    const outcome: Outcome = outcomeRank(rule.base.outcome) > ESCALATE_RANK ? 'escalate' : rule.base.outcome;
    const unknowns = trail.unknowns.addLabels([]);
    askOnce(run.openQuestions, unknowns);
    const vars = new FindingVars(rule, subject, detail, NO_EVIDENCE, joined(unknowns, ', '));
    const withReason = vars.withReason(rule.base.reason(vars));
    report(
      run,
      finding(rule, outcome, subject, {
        reason: pack.compiledTemplates.unknownReason(withReason),
        resolve: pack.compiledTemplates.unknownResolve(withReason),
        evidence: [],
        openQuestions: unknowns,
        requires: pack.unknownRequires,
      }),
      pack.unknownRequiresAt,
    );
    return;
  }

  const chosen = chooseCase(run, rule, item, index);
  // The gate's evidence, then the chosen case's: the trail holds nothing else.
  const evidence = trail.because.evidence();
  const vars = new FindingVars(rule, subject, detail, evidence, '');
  const reason = chosen.rule.reason(vars);
  const isContradiction = rule.readAnswer !== undefined && rule.readAnswer(inputs) === 'yes';
  report(
    run,
    finding(rule, chosen.rule.outcome, subject, {
      reason: isContradiction ? pack.compiledTemplates.contradictionReason(vars.withReason(reason)) : reason,
      resolve: chosen.rule.resolve(vars),
      evidence,
      openQuestions: chosen.openQuestions,
      requires: chosen.rule.requires,
      contradiction: isContradiction,
    }),
    chosen.rule.requiresAt,
  );
}

type Choice = { readonly rule: CompiledCase; readonly openQuestions: readonly string[] };

const NO_QUESTIONS: readonly string[] = [];

/** Adds keys to the verdict's open questions, each once. */
function askOnce(questions: string[], keys: readonly string[]): void {
  for (const key of keys) if (!questions.includes(key)) questions.push(key);
}

/** A case left UNKNOWN, and where its unknowns lie in the trail. */
type Undecided = { readonly outcome: Outcome; readonly from: number; readonly to: number };

/**
 * The first case whose condition holds, else the rule's own outcome. A case left UNKNOWN on
 * the way whose outcome differs from the one chosen is an open question: answering it could
 * change this finding. Leaves the chosen case's evidence on the trail after the rule's.
 */
function chooseCase(run: Run, rule: CompiledRule, item: Item | undefined, index: number): Choice {
  const { inputs, trail } = run;
  let undecided: Undecided[] | undefined;
  let chosen: CompiledCase = rule.base;
  for (const candidate of rule.cases) {
    const because0 = trail.because.length;
    const unknowns0 = trail.unknowns.length;
    const value = candidate.when(inputs, item, index, trail);
    if (value === TRUE) {
      chosen = candidate;
      break;
    }
    if (value === FALSE) {
      trail.because.truncate(because0);
      continue;
    }
    undecided ??= [];
    undecided.push({ outcome: candidate.outcome, from: unknowns0, to: trail.unknowns.length });
  }
  if (undecided === undefined) return { rule: chosen, openQuestions: NO_QUESTIONS };
  const questions: string[] = [];
  for (const u of undecided) {
    if (u.outcome !== chosen.outcome) trail.unknowns.addLabels(questions, u.from, u.to);
  }
  askOnce(run.openQuestions, questions);
  return { rule: chosen, openQuestions: questions };
}

const NO_EVIDENCE: readonly string[] = [];

/** `list.join(separator)` for the few strings of a finding, without the call's overhead. */
function joined(list: readonly string[], separator: string): string {
  let text = list.length > 0 ? (list[0] as string) : '';
  for (let i = 1; i < list.length; i++) text = `${text}${separator}${list[i]}`;
  return text;
}

/** What a finding's texts can name. The evidence is joined only if one of them names it. */
class FindingVars implements TemplateVars {
  readonly subject: string;
  readonly answer: string;
  private joinedEvidence: string | undefined;

  constructor(
    private readonly rule: CompiledRule,
    subject: string | undefined,
    readonly detail: string,
    private readonly evidenceList: readonly string[],
    readonly unknowns: string,
    readonly reason = '',
  ) {
    this.subject = subject ?? '';
    this.answer = rule.answer ?? '';
  }

  get evidence(): string {
    this.joinedEvidence ??= joined(this.evidenceList, '; ');
    return this.joinedEvidence;
  }

  /** The same values with the rule's own reason, for the texts that wrap it. */
  withReason(reason: string): FindingVars {
    return new FindingVars(this.rule, this.subject, this.detail, this.evidenceList, this.unknowns, reason);
  }
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
