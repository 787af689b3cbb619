import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Condition } from '../../src/policy/condition.js';
import type { Disclosure } from '../../src/policy/disclosure.js';
import { type FactSpec, factSpec } from '../../src/policy/facts.js';
import type { PackRule, PolicyPack } from '../../src/policy/pack.js';
import type { RegistryFacts } from '../../src/policy/registry-facts.js';
import { type Outcome, outcomeRank } from '../../src/policy/verdict.js';

/**
 * The peer of the bench: a policy pack's rules written in json-rules-engine's format.
 *
 * The rules are generated from the pack's own rule text (`pack.rules`), so they are the same
 * rules; every decision is then made by json-rules-engine. Our three-valued (Kleene) logic is
 * carried by two boolean conditions per pack condition: T ("definitely true") and P ("possibly
 * true": true or unknown), with T(not c) = not P(c) and P(not c) = not T(c). Per pack rule,
 * mutually exclusive engine rules give one finding each:
 *   unknown   P(when) and not T(when)                      → the rule's outcome, capped at escalate
 *   case i    T(when), no earlier case T, case i T          → the case's outcome
 *   base      T(when), no case T                            → the rule's outcome
 * List quantifiers (`some`, `forEach`) are unrolled over item slots 0..n-1, each guarded by
 * "the list has more than i items"; n is the longest list of the inputs, checked per run.
 */

/** An unanswered or `unsure` fact, as a fact value. */
const UNKNOWN = '?unknown';
/** An answer left out, as a literal (`answered`) fact value. */
const MISSING = '?missing';
/** A fact of a list item slot beyond the list's end (always behind a length guard). */
const ABSENT = '?absent';

type Atom = { fact: string; operator: string; value: unknown; priority?: number };
type Cond = TopLevelCondition | Atom;
type Root = Readonly<Record<string, unknown>>;
type Item = Readonly<Record<string, unknown>>;

/** The most items of each list the generated rules handle. */
export type ListSlots = Readonly<Record<'tools' | 'inputs' | 'talent', number>>;
type ListName = keyof ListSlots;

/** Where a condition is read: the disclosure root, or slot `index` of `list`. */
type Scope = { readonly list?: ListName; readonly index?: number };

export type PeerDecision = { readonly outcome: Outcome; readonly findings: readonly string[] };

/**
 * The disclosure with each tool and performer carrying its registry facts, the one document
 * json-rules-engine reads facts from. (Our engine reads registry facts beside the items.)
 */
function withRegistryFacts(disclosure: Root, facts: RegistryFacts | undefined): Root {
  if (!facts) return disclosure;
  const merge = (list: unknown, extra: readonly (object | null)[] | undefined) =>
    Array.isArray(list) && extra && extra.length > 0
      ? list.map((item: Item, i) => (extra[i] ? { ...item, ...extra[i] } : item))
      : list;
  return {
    ...disclosure,
    tools: merge(disclosure['tools'], facts.tools),
    talent: merge(disclosure['talent'], facts.talent),
  };
}

/** A fact value as our engine reads it (defaults, fail-closed permissions), UNKNOWN where unknown. */
function normalise(spec: FactSpec, raw: unknown): unknown {
  switch (spec.kind) {
    case 'answer': {
      const value = raw ?? spec.default;
      return value === undefined || value === 'unsure' ? UNKNOWN : value;
    }
    case 'permission': {
      const open = spec.failClosedTo === 'yes' ? 'no' : 'yes';
      return raw === open ? open : spec.failClosedTo;
    }
    case 'enum':
      return raw ?? spec.default ?? UNKNOWN;
    case 'set':
    case 'list':
      return raw ?? (spec.unansweredWhenMissing ? UNKNOWN : []);
    default:
      return raw;
  }
}

function mayBeUnknown(spec: FactSpec): boolean {
  if (spec.kind === 'answer') return true;
  if (spec.kind === 'enum') return spec.default === undefined;
  return (spec.kind === 'set' || spec.kind === 'list') && spec.unansweredWhenMissing === true;
}

function readRoot(root: Root, path: string): unknown {
  const [a, b] = path.split('.') as [string, string | undefined];
  return b === undefined ? root[a] : (root[a] as Item | undefined)?.[b];
}

/** Compiles pack rules into engine rules, and records how to compute every fact they use. */
class Translator {
  readonly rules: RuleProperties[] = [];
  /** Fact id → how its value is computed from a disclosure. */
  readonly facts = new Map<string, (root: Root) => unknown>();

  constructor(readonly slots: ListSlots) {}

  private lengthFact(list: ListName): string {
    const id = `${list}.length`;
    const spec = factSpec(list) as FactSpec;
    this.facts.set(id, (root) => {
      const items = normalise(spec, root[list]);
      return items === UNKNOWN ? UNKNOWN : (items as unknown[]).length;
    });
    return id;
  }

  /** "The list has more than `index` items"; false when the list itself is unknown. */
  private exists(list: ListName, index: number): Atom {
    return { fact: this.lengthFact(list), operator: 'greaterThan', value: index };
  }

  /** The fact id of a pack fact path in `scope`; `literal` reads the answer as written (`answered`). */
  private factId(path: string, scope: Scope, literal = false): { id: string; spec: FactSpec } {
    const value = (spec: FactSpec, raw: unknown) => (literal ? (raw ?? MISSING) : normalise(spec, raw));
    const suffix = literal ? ':answered' : '';
    if (!path.startsWith('$.')) {
      const spec = factSpec(path) as FactSpec;
      this.facts.set(path + suffix, (root) => value(spec, readRoot(root, path)));
      return { id: path + suffix, spec };
    }
    const { list, index } = scope as Required<Scope>;
    const field = path.slice(2);
    const spec = factSpec(`${list}[].${field}`) as FactSpec;
    const id = `${list}.${index}.${field}${suffix}`;
    this.facts.set(id, (root) => {
      const item = (root[list] as readonly Item[] | undefined)?.[index];
      return item === undefined ? ABSENT : value(spec, item[field]);
    });
    return { id, spec };
  }

  /** T (`definite`) or P (not `definite`) of a pack condition. */
  condition(raw: Condition, scope: Scope, definite: boolean): Cond {
    if ('all' in raw) return { all: raw.all.map((c) => this.condition(c, scope, definite)) };
    if ('any' in raw) return { any: raw.any.map((c) => this.condition(c, scope, definite)) };
    if ('not' in raw) return { not: this.condition(raw.not, scope, !definite) };
    if ('some' in raw) {
      const list = raw.some as ListName;
      const slots = Array.from({ length: this.slots[list] }, (_, index) => ({
        all: [this.exists(list, index), this.condition(raw.where, { list, index }, definite)],
      }));
      const unknownList = mayBeUnknown(factSpec(list) as FactSpec) && !definite;
      return {
        any: unknownList
          ? [{ fact: this.lengthFact(list), operator: 'equal', value: UNKNOWN }, ...slots]
          : slots,
      };
    }
    // The literal answer: `unsure` and left out are simply not it (FALSE, never UNKNOWN).
    if ('answered' in raw)
      return { fact: this.factId(raw.fact, scope, true).id, operator: 'equal', value: raw.answered };
    const { id, spec } = this.factId(raw.fact, scope);
    let test: Atom;
    if ('is' in raw) test = { fact: id, operator: 'in', value: [raw.is] };
    else if ('in' in raw) test = { fact: id, operator: 'in', value: [...raw.in] };
    else if ('includes' in raw) test = { fact: id, operator: 'includesAny', value: [...raw.includes] };
    else test = { fact: id, operator: 'isEmpty', value: raw.empty };
    if (definite || !mayBeUnknown(spec)) return test;
    return { any: [test, { fact: id, operator: 'equal', value: UNKNOWN }] };
  }

  /** The engine rules of one pack rule, for one list slot if it is a forEach rule. */
  addRule(rule: PackRule, index?: number): void {
    const list = rule.forEach as ListName | undefined;
    const scope: Scope = list === undefined ? {} : { list, index: index as number };
    // The guard and the gate go first (higher priority), so json-rules-engine short-circuits.
    const guard: Cond[] = list === undefined ? [] : [{ ...this.exists(list, index as number), priority: 3 }];
    const when = rule.when as Condition;
    const whenT = { all: [this.condition(when, scope, true)], priority: 2 };
    const emit = (branch: string, conditions: Cond[], outcome: Outcome) =>
      this.rules.push({
        name: `${rule.id}${index === undefined ? '' : `[${index}]`}:${branch}`,
        conditions: { all: conditions as TopLevelCondition[] },
        event: { type: 'finding', params: { rule: rule.id, outcome } },
      });

    const capped = outcomeRank(rule.outcome) > outcomeRank('escalate') ? 'escalate' : rule.outcome;
    const whenP = { all: [this.condition(when, scope, false)], priority: 2 };
    emit('unknown', [...guard, whenP, { not: { all: [this.condition(when, scope, true)] } }], capped);

    const casesT = rule.cases.map((c) => this.condition(c.when as Condition, scope, true));
    casesT.forEach((caseT, i) => {
      const earlier = casesT.slice(0, i).map((t): Cond => ({ not: { all: [t] } }));
      emit(`case${i}`, [...guard, whenT, ...earlier, caseT], rule.cases[i]?.outcome as Outcome);
    });
    emit('base', [...guard, whenT, ...casesT.map((t): Cond => ({ not: { all: [t] } }))], rule.outcome);
  }
}

/** A json-rules-engine peer of a pack, for disclosures whose lists fit `slots`. */
export class PeerEngine {
  readonly engine: Engine;
  private readonly facts: Map<string, (root: Root) => unknown>;

  constructor(
    pack: PolicyPack,
    readonly slots: ListSlots,
  ) {
    for (const [list, n] of Object.entries(slots)) {
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`slots.${list} must be a positive integer, not ${n}`);
    }
    const translator = new Translator(slots);
    for (const rule of pack.rules) {
      if (rule.forEach === undefined) translator.addRule(rule);
      else for (let i = 0; i < slots[rule.forEach as ListName]; i++) translator.addRule(rule, i);
    }
    this.facts = translator.facts;
    this.ruleCount = translator.rules.length;
    this.engine = new Engine(translator.rules, { allowUndefinedFacts: false });
    this.engine.addOperator('includesAny', (fact: unknown, values: readonly unknown[]) =>
      Array.isArray(fact) ? fact.some((v) => values.includes(v)) : false,
    );
    this.engine.addOperator('isEmpty', (fact: unknown, empty: boolean) =>
      Array.isArray(fact) ? (fact.length === 0) === empty : false,
    );
  }

  /** How many json-rules-engine rules the pack became. */
  readonly ruleCount: number;

  /** The runtime facts of a disclosure: one value per fact the rules test. */
  factsOf(disclosure: Disclosure, registry?: RegistryFacts): Record<string, unknown> {
    const root = withRegistryFacts(disclosure as unknown as Root, registry);
    for (const list of Object.keys(this.slots) as ListName[]) {
      const length = (root[list] as readonly unknown[] | undefined)?.length ?? 0;
      if (length > this.slots[list])
        throw new Error(`${list} has ${length} items; the peer rules handle ${this.slots[list]}`);
    }
    const facts: Record<string, unknown> = {};
    for (const [id, compute] of this.facts) facts[id] = compute(root);
    return facts;
  }

  /** One decision (registry facts merged into the items): the facts, the engine run, then the strictest finding (notify if none). */
  async decide(disclosure: Disclosure, registry?: RegistryFacts): Promise<PeerDecision> {
    const { events } = await this.engine.run(this.factsOf(disclosure, registry));
    let outcome: Outcome = 'notify';
    const findings: string[] = [];
    for (const event of events) {
      const { rule, outcome: found } = event.params as { rule: string; outcome: Outcome };
      findings.push(`${rule}:${found}`);
      if (outcomeRank(found) > outcomeRank(outcome)) outcome = found;
    }
    return { outcome, findings: findings.sort() };
  }
}
