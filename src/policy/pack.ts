import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  type CompiledCondition,
  type Condition,
  compileCondition,
  type FactReader,
  type Inputs,
  itemFieldReader,
  rootFactReader,
  validateCondition,
} from './condition.js';
import { factSpec } from './facts.js';
import { interned } from './interned.js';
import { compileTemplate, type Template } from './template.js';
import { OUTCOMES, type Outcome } from './verdict.js';

export const PACK_SCHEMA_ID = 'clearframe/policy-pack@1';

/** Placeholders a reason or resolve text may use; anything else is a load error. */
export const TEMPLATE_VARIABLES = ['subject', 'detail', 'evidence', 'unknowns', 'answer', 'reason'] as const;

const outcomeKey = z.enum(OUTCOMES);
// Outcomes and ids are compared (requirements, outcome ranks) on every evaluation: see interned.ts.
const outcome = outcomeKey.transform(interned);
const text = z.string().trim().min(1).max(2000);
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, dot, dash, underscore')
  .transform(interned);

const RuleCaseSchema = z.strictObject({
  when: z.unknown(),
  outcome,
  reason: text.optional(),
  resolve: text.optional(),
  requires: z.array(id).optional(),
});

const RuleSchema = z.strictObject({
  id,
  title: text,
  category: id,
  cite: text,
  outcome,
  /** Evaluate once per item of this list (`talent`): one finding per matching item. */
  forEach: z.string().optional(),
  /** The item field naming the finding's subject (`performer`). */
  subject: z.string().optional(),
  /** An item text field shown as {detail} (a registry note), for forEach rules. */
  detail: z.string().optional(),
  /** The self-assessment this rule checks; a TRUE finding while it says `yes` is a contradiction. */
  answer: z.string().optional(),
  when: z.unknown(),
  reason: text,
  resolve: text,
  requires: z.array(id).default([]),
  /** Refinements tried in order once `when` holds: the first that holds sets outcome, texts and requires. */
  cases: z.array(RuleCaseSchema).default([]),
});

const PackSchema = z.strictObject({
  schema: z.literal(PACK_SCHEMA_ID),
  id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version such as 1.0.0'),
  title: text,
  source: z.strictObject({
    publisher: text,
    title: text,
    published: text,
    url: z.url().optional(),
    notes: text.optional(),
  }),
  categories: z.array(z.strictObject({ id, title: text })).min(1),
  /** Every requirement a verdict may list, in the order verdicts list them. */
  requirements: z.array(z.strictObject({ id, description: text })).min(1),
  /** Requirements implied by a finding's outcome (escalate → contact guidance, …). */
  outcomeRequires: z.partialRecord(outcomeKey, z.array(id)).default({}),
  templates: z.strictObject({ unknownReason: text, unknownResolve: text, contradictionReason: text }),
  rules: z.array(RuleSchema).min(1),
});

export type PackRule = z.output<typeof RuleSchema>;
export type PackSource = z.output<typeof PackSchema>['source'];

export type CompiledCase = {
  readonly when: CompiledCondition;
  readonly outcome: Outcome;
  readonly reason: Template;
  readonly resolve: Template;
  /** Requirements of this case plus those its outcome implies, in the pack's order. */
  readonly requires: readonly string[];
  /** Where each of `requires` is in the pack's requirements. */
  readonly requiresAt: readonly number[];
};

export type CompiledRule = {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly cite: string;
  readonly forEach?: string;
  /** Reads the finding's subject (a performer's name) from the item the rule is decided for. */
  readonly readSubject?: FactReader;
  /** Reads the item's text shown as {detail} (a registry note). */
  readonly readDetail?: FactReader;
  readonly answer?: string;
  /** Reads the self-assessment named by `answer` from the disclosure. */
  readonly readAnswer?: (inputs: Inputs) => unknown;
  readonly when: CompiledCondition;
  /** The rule's own outcome and texts, used when no case applies. */
  readonly base: CompiledCase;
  readonly cases: readonly CompiledCase[];
};

/** A loaded, checked and compiled policy pack. Immutable; safe to share between evaluations. */
export type PolicyPack = {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly source: PackSource;
  readonly categories: readonly { readonly id: string; readonly title: string }[];
  readonly requirements: readonly { readonly id: string; readonly description: string }[];
  readonly outcomeRequires: Readonly<Partial<Record<Outcome, readonly string[]>>>;
  readonly templates: {
    readonly unknownReason: string;
    readonly unknownResolve: string;
    readonly contradictionReason: string;
  };
  readonly compiledTemplates: {
    readonly unknownReason: Template;
    readonly unknownResolve: Template;
    readonly contradictionReason: Template;
  };
  /** Requirements of a finding left open by an unknown answer: those of `escalate`. */
  readonly unknownRequires: readonly string[];
  /** Where each of `unknownRequires` is in `requirements`. */
  readonly unknownRequiresAt: readonly number[];
  /** The rules as written in the pack, for `clearframe explain` and documentation. */
  readonly rules: readonly PackRule[];
  readonly compiled: readonly CompiledRule[];
};

/** A pack that does not load, with every problem found (not only the first). */
export class PackLoadError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`policy pack ${source} does not load:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackLoadError';
  }
}

/** Parses pack text (YAML or JSON, which is YAML too). `source` names it in errors. */
export function parsePackText(text: string, source: string): PolicyPack {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new PackLoadError(source, [`not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
  return parsePack(raw, source);
}

/** Checks a pack object against the pack format and the disclosure's fact catalogue, then compiles it. */
export function parsePack(raw: unknown, source: string): PolicyPack {
  const parsed = PackSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PackLoadError(
      source,
      parsed.error.issues.map((issue) => {
        const where = issue.path.map(String).join('.') || '(pack)';
        return issue.code === 'unrecognized_keys'
          ? `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
          : `${where}: ${issue.message}`;
      }),
    );
  }
  const pack = parsed.data;
  const problems = checkPack(pack);
  if (problems.length > 0) throw new PackLoadError(source, problems);
  const { schema: _schema, ...document } = pack;
  return {
    ...document,
    compiledTemplates: {
      unknownReason: compileTemplate(pack.templates.unknownReason),
      unknownResolve: compileTemplate(pack.templates.unknownResolve),
      contradictionReason: compileTemplate(pack.templates.contradictionReason),
    },
    unknownRequires: pack.outcomeRequires.escalate ?? [],
    unknownRequiresAt: placesOf(pack.outcomeRequires.escalate ?? [], pack),
    compiled: pack.rules.map((rule) => compileRule(rule, pack)),
  };
}

/** The pack as a document in the pack file format, without its compiled parts: what `parsePack` reads back. */
export function packDocument(pack: PolicyPack): Record<string, unknown> {
  return {
    schema: PACK_SCHEMA_ID,
    id: pack.id,
    version: pack.version,
    title: pack.title,
    source: pack.source,
    categories: pack.categories,
    requirements: pack.requirements,
    outcomeRequires: pack.outcomeRequires,
    templates: pack.templates,
    rules: pack.rules,
  };
}

function checkPack(pack: z.output<typeof PackSchema>): string[] {
  const problems: string[] = [];
  const requirementIds = new Set(pack.requirements.map((r) => r.id));
  const categoryIds = new Set(pack.categories.map((c) => c.id));
  const checkRequires = (list: readonly string[], where: string) => {
    for (const name of list) {
      if (!requirementIds.has(name))
        problems.push(`${where}: unknown requirement "${name}"; declared: ${[...requirementIds].join(', ')}`);
    }
  };
  const checkTemplate = (template: string, where: string) => {
    for (const match of template.matchAll(/\{([^}]*)\}/g)) {
      if (!(TEMPLATE_VARIABLES as readonly string[]).includes(match[1] as string)) {
        problems.push(
          `${where}: unknown placeholder {${match[1]}}; allowed: ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ')}`,
        );
      }
    }
  };
  for (const [key, list] of Object.entries(pack.outcomeRequires))
    checkRequires(list ?? [], `outcomeRequires.${key}`);
  for (const [key, template] of Object.entries(pack.templates)) checkTemplate(template, `templates.${key}`);
  for (const d of duplicates(pack.requirements.map((r) => r.id)))
    problems.push(`requirements: "${d}" is declared twice`);
  for (const d of duplicates(pack.categories.map((c) => c.id)))
    problems.push(`categories: "${d}" is declared twice`);
  for (const d of duplicates(pack.rules.map((r) => r.id))) problems.push(`rules: duplicate rule id "${d}"`);

  pack.rules.forEach((rule, index) => {
    const where = `rules[${index}] (${rule.id})`;
    if (!categoryIds.has(rule.category))
      problems.push(
        `${where}.category: unknown category "${rule.category}"; declared: ${[...categoryIds].join(', ')}`,
      );
    if (rule.forEach !== undefined && factSpec(rule.forEach)?.kind !== 'list') {
      problems.push(
        `${where}.forEach: "${rule.forEach}" is not a list of the disclosure (tools, inputs, talent)`,
      );
    }
    if (rule.subject !== undefined) {
      if (rule.forEach === undefined) problems.push(`${where}.subject: only a forEach rule has a subject`);
      else if (factSpec(`${rule.forEach}[].${rule.subject}`)?.kind !== 'text')
        problems.push(`${where}.subject: items of ${rule.forEach} have no text field "${rule.subject}"`);
    }
    if (rule.detail !== undefined) {
      if (rule.forEach === undefined) problems.push(`${where}.detail: only a forEach rule has a detail`);
      else if (factSpec(`${rule.forEach}[].${rule.detail}`)?.kind !== 'text') {
        problems.push(`${where}.detail: items of ${rule.forEach} have no text field "${rule.detail}"`);
      }
    }
    if (rule.answer !== undefined && factSpec(rule.answer)?.kind !== 'answer') {
      problems.push(`${where}.answer: "${rule.answer}" is not a yes/no answer of the disclosure`);
    }
    const scope = rule.forEach === undefined ? {} : { list: rule.forEach };
    problems.push(...validateCondition(rule.when, `${where}.when`, scope));
    checkRequires(rule.requires, `${where}.requires`);
    checkTemplate(rule.reason, `${where}.reason`);
    checkTemplate(rule.resolve, `${where}.resolve`);
    rule.cases.forEach((c, i) => {
      problems.push(...validateCondition(c.when, `${where}.cases[${i}].when`, scope));
      checkRequires(c.requires ?? [], `${where}.cases[${i}].requires`);
      if (c.reason) checkTemplate(c.reason, `${where}.cases[${i}].reason`);
      if (c.resolve) checkTemplate(c.resolve, `${where}.cases[${i}].resolve`);
    });
  });
  return problems;
}

function compileRule(rule: PackRule, pack: z.output<typeof PackSchema>): CompiledRule {
  const scope = rule.forEach === undefined ? {} : { list: rule.forEach };
  const order = pack.requirements.map((r) => r.id);
  // Requirements are fixed per case, so their order is settled here, not per verdict.
  const requiresFor = (own: readonly string[], outcome: Outcome) => {
    const all = new Set([...own, ...(pack.outcomeRequires[outcome] ?? [])]);
    const requires = order.filter((id) => all.has(id));
    return { requires, requiresAt: placesOf(requires, pack) };
  };
  const base: CompiledCase = {
    when: compileCondition(rule.when as Condition, scope),
    outcome: rule.outcome,
    reason: compileTemplate(rule.reason),
    resolve: compileTemplate(rule.resolve),
    ...requiresFor(rule.requires, rule.outcome),
  };
  return {
    id: rule.id,
    title: rule.title,
    category: rule.category,
    cite: rule.cite,
    ...(rule.forEach === undefined ? {} : { forEach: interned(rule.forEach) }),
    ...(rule.forEach === undefined || rule.subject === undefined
      ? {}
      : { readSubject: itemFieldReader(rule.forEach, rule.subject) }),
    ...(rule.forEach === undefined || rule.detail === undefined
      ? {}
      : { readDetail: itemFieldReader(rule.forEach, rule.detail) }),
    ...(rule.answer === undefined ? {} : { answer: rule.answer }),
    ...(rule.answer === undefined ? {} : { readAnswer: rootFactReader(rule.answer) }),
    when: base.when,
    base,
    cases: rule.cases.map((c) => ({
      when: compileCondition(c.when as Condition, scope),
      outcome: c.outcome,
      reason: compileTemplate(c.reason ?? rule.reason),
      resolve: compileTemplate(c.resolve ?? rule.resolve),
      ...requiresFor(c.requires ?? rule.requires, c.outcome),
    })),
  };
}

/** Where each requirement of `ids` is in the pack's requirements. */
function placesOf(ids: readonly string[], pack: z.output<typeof PackSchema>): number[] {
  return ids.map((id) => pack.requirements.findIndex((requirement) => requirement.id === id));
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}
