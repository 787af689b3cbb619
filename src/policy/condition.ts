import { type FactMemo, memoRow, NOT_READ } from './fact-memo.js';
import { type FactSpec, factSpec, itemFields } from './facts.js';
import { interned } from './interned.js';
import type { RegistryFacts } from './registry-facts.js';
import type { TracedFact, Trail } from './trail.js';

/**
 * Conditions: the small language in which pack rules test a disclosure.
 *
 *   { fact: output.final, is: yes }              one value
 *   { fact: talent[].use, in: [a, b] }            one of several values (inside `some`/`forEach`: `$.use`)
 *   { fact: prompts.references, includes: [a] }   a set holds any of these
 *   { fact: realism.depicts, empty: false }       a set or list is (not) empty
 *   { fact: $.retainsData, answered: "no" }       the partner literally answered this (unsure and
 *                                                 left out are FALSE, not UNKNOWN): for "you said X" checks
 *   { all: [...] }  { any: [...] }  { not: ... }
 *   { some: tools, where: { fact: $.enterprise, is: no } }
 *
 * Evaluation is three-valued (Kleene): TRUE, FALSE or UNKNOWN, where UNKNOWN comes from
 * an `answer` left out or `unsure`. A rule whose condition is UNKNOWN becomes an open
 * question rather than a finding at full strength, which is how "unsure" is kept from
 * raising a verdict above escalate while still being reported.
 */
export type Condition =
  | { readonly fact: string; readonly is: string }
  | { readonly fact: string; readonly in: readonly string[] }
  | { readonly fact: string; readonly includes: readonly string[] }
  | { readonly fact: string; readonly empty: boolean }
  | { readonly fact: string; readonly answered: string }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly some: string; readonly where: Condition };

export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = typeof FALSE | typeof TRUE | typeof UNKNOWN;

type Item = Readonly<Record<string, unknown>>;
type Root = Readonly<Record<string, unknown>>;

/**
 * What conditions read: the partner's disclosure, and what the studio's registries hold of its
 * list items; with a memo, each fact is read from them once per evaluation.
 */
export type Inputs = {
  readonly disclosure: Root;
  readonly registry: RegistryFacts | undefined;
  readonly memo?: FactMemo;
};

/** Where a condition is checked: absolute paths, or `$.x` relative to the list being iterated. */
export type ConditionScope = { readonly list?: string };

export class ConditionError extends Error {}

/** Checks a raw condition against the fact catalogue; returns every problem, located. */
export function validateCondition(raw: unknown, where: string, scope: ConditionScope): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return [
      `${where}: a condition must be a mapping (fact/is/in/includes/empty, all, any, not or some/where)`,
    ];
  }
  const node = raw as Record<string, unknown>;
  const keys = Object.keys(node);
  const has = (key: string) => Object.hasOwn(node, key);
  if (has('all') || has('any')) {
    const key = has('all') ? 'all' : 'any';
    const problems = expectOnly(node, [key], where);
    const list = node[key];
    if (!Array.isArray(list) || list.length === 0)
      return [...problems, `${where}.${key}: must be a non-empty list of conditions`];
    return [
      ...problems,
      ...list.flatMap((child, i) => validateCondition(child, `${where}.${key}[${i}]`, scope)),
    ];
  }
  if (has('not'))
    return [...expectOnly(node, ['not'], where), ...validateCondition(node['not'], `${where}.not`, scope)];
  if (has('some')) {
    const problems = expectOnly(node, ['some', 'where'], where);
    const list = node['some'];
    if (typeof list !== 'string') return [...problems, `${where}.some: must name a list fact`];
    const path = resolvePath(list, scope);
    if (path.error) return [...problems, `${where}.some: ${path.error}`];
    if (factSpec(path.absolute)?.kind !== 'list') {
      return [
        ...problems,
        `${where}.some: "${list}" is not a list in the disclosure; lists: ${listFacts().join(', ')}`,
      ];
    }
    if (scope.list) return [...problems, `${where}.some: nested iteration is not supported`];
    return [...problems, ...validateCondition(node['where'], `${where}.where`, { list: path.absolute })];
  }
  if (!has('fact')) {
    return [
      `${where}: unknown condition with keys ${keys.join(', ') || '(none)'}; expected fact, all, any, not or some`,
    ];
  }
  const test = ['is', 'in', 'includes', 'empty', 'answered'].filter(has);
  if (test.length !== 1)
    return [`${where}: a fact condition needs exactly one of is, in, includes, empty, answered`];
  const problems = expectOnly(node, ['fact', test[0] as string], where);
  const fact = node['fact'];
  if (typeof fact !== 'string') return [...problems, `${where}.fact: must be a string`];
  const path = resolvePath(fact, scope);
  if (path.error) return [...problems, `${where}.fact: ${path.error}`];
  const spec = factSpec(path.absolute);
  if (!spec)
    return [
      ...problems,
      `${where}.fact: the disclosure has no field "${fact}"${scope.list ? ` (items of ${scope.list} have: ${itemFields(scope.list).join(', ')})` : ''}`,
    ];
  return [
    ...problems,
    ...validateTest(spec, path.absolute, test[0] as string, node[test[0] as string], where),
  ];
}

function validateTest(spec: FactSpec, fact: string, test: string, operand: unknown, where: string): string[] {
  const allowed = allowedValues(spec);
  const checkValues = (values: unknown[]): string[] =>
    values
      .filter((v) => typeof v !== 'string' || !allowed?.includes(v))
      .map(
        (v) =>
          `${where}.${test}: ${JSON.stringify(v)} is not a value of ${fact}; allowed: ${allowed?.join(', ')}`,
      );
  switch (test) {
    case 'is':
    case 'in': {
      if (spec.kind === 'set' || spec.kind === 'list' || spec.kind === 'text') {
        return [
          `${where}.${test}: ${fact} is a ${spec.kind}; use ${spec.kind === 'text' ? 'nothing (free text cannot be tested)' : 'includes or empty'}`,
        ];
      }
      const values = test === 'is' ? [operand] : operand;
      if (!Array.isArray(values) || values.length === 0) return [`${where}.in: must be a non-empty list`];
      return checkValues(values);
    }
    case 'answered':
      if (spec.kind !== 'answer') return [`${where}.answered: ${fact} is not a yes/no answer`];
      return checkValues([operand]);
    case 'includes':
      if (spec.kind !== 'set') return [`${where}.includes: ${fact} is not a set of values`];
      if (!Array.isArray(operand) || operand.length === 0)
        return [`${where}.includes: must be a non-empty list`];
      return checkValues(operand);
    default:
      if (spec.kind !== 'set' && spec.kind !== 'list') return [`${where}.empty: ${fact} is not a list`];
      return typeof operand === 'boolean' ? [] : [`${where}.empty: must be true or false`];
  }
}

/** Answers are compared with yes/no only: `unsure` is the engine's UNKNOWN, not a value to match. */
function allowedValues(spec: FactSpec): readonly string[] | undefined {
  switch (spec.kind) {
    case 'answer':
    case 'permission':
      return ['yes', 'no'];
    case 'enum':
    case 'set':
      return spec.values;
    default:
      return undefined;
  }
}

function expectOnly(node: Record<string, unknown>, allowed: string[], where: string): string[] {
  return Object.keys(node)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where}: unexpected key "${key}" beside ${allowed.join('/')}`);
}

function listFacts(): string[] {
  return ['tools', 'inputs', 'talent'];
}

type ResolvedPath = { readonly absolute: string; readonly relative?: string; readonly error?: string };

function resolvePath(path: string, scope: ConditionScope): ResolvedPath {
  if (path.startsWith('$.')) {
    if (!scope.list)
      return {
        absolute: path,
        error: `"${path}" is relative to a list item, but there is no some/forEach here`,
      };
    return { absolute: `${scope.list}[].${path.slice(2)}`, relative: path.slice(2) };
  }
  return { absolute: path };
}

// ---------------------------------------------------------------------------------------
// Compilation. Assumes validateCondition passed.

/** Reads one fact; `item` and `index` are the list item being decided, where there is one. */
export type FactReader = (inputs: Inputs, item: Item | undefined, index: number) => unknown;

/*
 * Reading a fact, normalising it and testing it are small classes rather than a closure each:
 * a condition then calls methods of one class at each step, which V8 inlines, instead of a
 * different closure per fact through one call site.
 */

/**
 * Where a fact is: a path of one or two keys from the disclosure's root, a field of the list
 * item being decided, or a field of the registry's entry for that item (same list, same index).
 */
class FactAccess {
  private readonly from: 'root' | 'item' | 'registry';
  /** The fact's row in a FactMemo. */
  private readonly row: number;
  /** The root's key, or the item's field. */
  private readonly key: string;
  /** The key below the root's, for two-key paths. */
  private readonly subkey: string | undefined;
  private readonly list: keyof RegistryFacts | undefined;

  constructor(path: ResolvedPath, spec: FactSpec) {
    this.row = memoRow(path.absolute);
    if (path.relative !== undefined) {
      this.from = spec.from === 'registry' ? 'registry' : 'item';
      this.key = interned(path.relative);
      this.subkey = undefined;
      this.list = interned(path.absolute.slice(0, path.absolute.indexOf('[]'))) as keyof RegistryFacts;
      return;
    }
    const [key, subkey] = path.absolute.split('.') as [string, string | undefined];
    this.from = 'root';
    this.key = interned(key);
    this.subkey = subkey === undefined ? undefined : interned(subkey);
    this.list = undefined;
  }

  read(inputs: Inputs, item: Item | undefined, index: number): unknown {
    const { memo } = inputs;
    if (memo === undefined) return this.readInputs(inputs, item, index);
    // A root fact is the same for every item a rule is decided for.
    const place = this.from === 'root' ? 0 : index + 1;
    const known = memo.recall(this.row, place);
    return known !== NOT_READ ? known : memo.keep(this.row, place, this.readInputs(inputs, item, index));
  }

  private readInputs(inputs: Inputs, item: Item | undefined, index: number): unknown {
    if (this.from === 'item') return item?.[this.key];
    if (this.from === 'registry') {
      const entry = inputs.registry?.[this.list as keyof RegistryFacts]?.[index] as Item | null | undefined;
      return entry?.[this.key];
    }
    const top = inputs.disclosure[this.key];
    return this.subkey === undefined ? top : (top as Item | undefined)?.[this.subkey];
  }
}

/** Reads a fact at the disclosure's root, as the partner wrote it (a rule's `answer`). */
export function rootFactReader(path: string): (inputs: Inputs) => unknown {
  const access = new FactAccess({ absolute: path }, factSpec(path) as FactSpec);
  return (inputs) => access.read(inputs, undefined, -1);
}

/** Reads a field of the items of `list` (a rule's `subject` or `detail`), from the file or the registry. */
export function itemFieldReader(list: string, field: string): FactReader {
  const path = { absolute: `${list}[].${field}`, relative: field };
  const access = new FactAccess(path, factSpec(path.absolute) as FactSpec);
  return (inputs, item, index) => access.read(inputs, item, index);
}

const NOTHING: readonly unknown[] = Object.freeze([]);

/** A fact as the engine sees it: defaults applied, permissions closed, `undefined` = unknown. */
class FactView {
  private readonly kind: FactSpec['kind'];
  /** What a left-out answer, enum, set or list reads as (`undefined`: unknown). */
  private readonly fallback: unknown;
  /** A permission's clear opposite of what it fails closed to. */
  private readonly open: string | undefined;
  private readonly closed: string | undefined;

  constructor(spec: FactSpec) {
    this.kind = spec.kind;
    this.fallback = undefined;
    this.open = undefined;
    this.closed = undefined;
    switch (spec.kind) {
      case 'answer':
      case 'enum':
        this.fallback = spec.default;
        break;
      case 'set':
      case 'list':
        this.fallback = spec.unansweredWhenMissing ? undefined : NOTHING;
        break;
      case 'permission':
        this.closed = spec.failClosedTo;
        this.open = spec.failClosedTo === 'yes' ? 'no' : 'yes';
        break;
    }
  }

  normalise(raw: unknown): unknown {
    switch (this.kind) {
      case 'answer': {
        const value = raw ?? this.fallback;
        return value === 'unsure' ? undefined : value;
      }
      case 'permission':
        return raw === this.open ? this.open : this.closed;
      case 'text':
        return raw;
      default:
        return raw ?? this.fallback;
    }
  }
}

/** What a fact condition asks of a known value: one of `values`, a set holding one, (not) empty. */
class ValueTest {
  private readonly values: readonly string[];

  constructor(
    readonly kind: 'in' | 'includes' | 'empty',
    values: readonly string[],
    private readonly wantEmpty = false,
  ) {
    this.values = values.map(interned);
  }

  matches(value: unknown): boolean {
    const { values } = this;
    switch (this.kind) {
      case 'in':
        return values.length === 1 ? value === values[0] : values.includes(value as string);
      case 'includes':
        for (const entry of value as readonly string[]) if (values.includes(entry)) return true;
        return false;
      default:
        return ((value as readonly unknown[]).length === 0) === this.wantEmpty;
    }
  }

  /** The entries of a set that are among `values`, for evidence: `a, b`. */
  included(value: readonly string[]): string {
    let text = '';
    let first = true;
    for (const entry of value) {
      if (!this.values.includes(entry)) continue;
      text = first ? entry : `${text}, ${entry}`;
      first = false;
    }
    return text;
  }
}

function describe(raw: unknown, spec: FactSpec): string {
  if (raw === undefined) return spec.kind === 'permission' ? 'not given' : 'not answered';
  if (Array.isArray(raw)) return raw.length === 0 ? 'empty' : `[${listed(raw)}]`;
  return String(raw);
}

/** `list.map(String).join(', ')` by concatenation: the lists here have a few entries. */
function listed(list: readonly unknown[]): string {
  let text = '';
  for (let i = 0; i < list.length; i++) {
    // A hole joins as nothing; `String` of a hole's `undefined` would say "undefined".
    const entry = i in list ? String(list[i]) : '';
    text = i === 0 ? entry : `${text}, ${entry}`;
  }
  return text;
}

/** Items of a list whose labels are kept; the disclosure format allows at most 200. */
const MAX_LABELLED_ITEMS = 256;

/** More distinct values than any fact of the catalogue can hold: a bound, not a tuning knob. */
const MAX_REMEMBERED_VALUES = 32;

/**
 * The evidence texts of one fact at one place, made once per value: a tested fact holds one of
 * a few values (an answer, an enum), and findings name the same ones in verdict after verdict.
 * Sets and lists are put into words each time, since their content varies.
 */
class EvidenceTexts {
  // A few values each: a scan by identity finds one sooner than a Map's hash lookup.
  private readonly values: unknown[] = [];
  private readonly texts: string[] = [];

  constructor(private readonly make: (raw: unknown) => string) {}

  of(raw: unknown): string {
    if (typeof raw === 'object' && raw !== null) return this.make(raw);
    const at = this.values.indexOf(raw);
    if (at >= 0) return this.texts[at] as string;
    const text = this.make(raw);
    if (this.values.length < MAX_REMEMBERED_VALUES) {
      this.values.push(raw);
      this.texts.push(text);
    }
    return text;
  }
}

/**
 * A fact as the trail names it: its label, and its evidence from the value read. A field of a
 * list item (`$.consent`) is labelled with the item's place, `talent[2].consent`.
 */
function tracedFact(path: ResolvedPath, scope: ConditionScope, text: (raw: unknown) => string): TracedFact {
  const { relative, absolute } = path;
  if (relative === undefined || scope.list === undefined) {
    const texts = new EvidenceTexts((raw) => `${absolute} ${text(raw)}`);
    return { label: () => absolute, evidence: (raw) => texts.of(raw) };
  }
  const list = scope.list;
  // Labels name open questions, compared across findings: made once per place, not per verdict.
  const labels: string[] = [];
  const texts: EvidenceTexts[] = [];
  const label = (index: number) => {
    if (index >= MAX_LABELLED_ITEMS) return `${list}[${index}].${relative}`;
    labels[index] ??= `${list}[${index}].${relative}`;
    return labels[index];
  };
  return {
    label,
    evidence: (raw, index) => {
      if (index >= MAX_LABELLED_ITEMS) return `${label(index)} ${text(raw)}`;
      texts[index] ??= new EvidenceTexts((value) => `${label(index)} ${text(value)}`);
      return texts[index].of(raw);
    },
  };
}

/**
 * A condition compiled once at pack load: it decides one disclosure (inside `forEach` or
 * `some`, for the list item at `index`) and pushes onto `trail` the facts it read, which
 * the engine puts into words only for the findings it reports.
 */
export type CompiledCondition = (inputs: Inputs, item: Item | undefined, index: number, trail: Trail) => Tri;

export function compileCondition(raw: Condition, scope: ConditionScope): CompiledCondition {
  const node = raw as Record<string, unknown>;
  if ('all' in node) return compileAll((raw as { all: Condition[] }).all, scope);
  if ('any' in node) return compileAny((raw as { any: Condition[] }).any, scope);
  if ('not' in node) return compileNot((raw as { not: Condition }).not, scope);
  if ('some' in node) {
    const { some, where } = raw as { some: string; where: Condition };
    const list = resolvePath(some, scope).absolute;
    return compileSome(list, compileCondition(where, { list }));
  }
  return compileFact(raw as { fact: string }, scope);
}

function compileFact(
  raw: { fact: string } & Record<string, unknown>,
  scope: ConditionScope,
): CompiledCondition {
  const path = resolvePath(raw.fact, scope);
  const spec = factSpec(path.absolute) as FactSpec;
  const access = new FactAccess(path, spec);

  if ('answered' in raw) {
    // The literal answer, unknowns included as FALSE: "you said no" is a fact about the file.
    const expected = raw['answered'] as string;
    const fact = tracedFact(path, scope, (value) => `is ${describe(value, spec)}`);
    return (inputs, item, index, trail) => {
      const raw = access.read(inputs, item, index);
      trail.because.push(fact, index, raw);
      return raw === expected ? TRUE : FALSE;
    };
  }
  const view = new FactView(spec);
  const test =
    'is' in raw || 'in' in raw
      ? new ValueTest('in', 'is' in raw ? [raw['is'] as string] : (raw['in'] as string[]))
      : 'includes' in raw
        ? new ValueTest('includes', raw['includes'] as string[])
        : new ValueTest('empty', [], raw['empty'] as boolean);

  // Evidence names the value as read; a default shows as itself, a closed permission as not given.
  const text = (rawValue: unknown): string => {
    const value = view.normalise(rawValue);
    if (test.kind === 'includes' && test.matches(value)) {
      return `includes ${test.included(value as string[])}`;
    }
    return `is ${describe(rawValue === undefined && spec.kind !== 'permission' ? value : rawValue, spec)}`;
  };
  const fact = tracedFact(path, scope, text);
  return (inputs, item, index, trail) => {
    const raw = access.read(inputs, item, index);
    const value = view.normalise(raw);
    if (value === undefined) {
      trail.unknowns.push(fact, index, raw);
      return UNKNOWN;
    }
    trail.because.push(fact, index, raw);
    return test.matches(value) ? TRUE : FALSE;
  };
}

function compileNot(inner: Condition, scope: ConditionScope): CompiledCondition {
  const child = compileCondition(inner, scope);
  // The evidence that made the child FALSE is the evidence that makes `not` TRUE, and back.
  return (inputs, item, index, trail) => {
    const v = child(inputs, item, index, trail);
    return v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE;
  };
}

/** `all` is FALSE because of its first FALSE child, TRUE because of every child. */
function compileAll(conditions: readonly Condition[], scope: ConditionScope): CompiledCondition {
  const children = conditions.map((child) => compileCondition(child, scope));
  return (inputs, item, index, trail) => {
    const { because, unknowns } = trail;
    const because0 = because.length;
    const unknowns0 = unknowns.length;
    let unknown = false;
    for (const child of children) {
      const mark = because.length;
      const v = child(inputs, item, index, trail);
      if (v === FALSE) {
        because.remove(because0, mark);
        unknowns.truncate(unknowns0);
        return FALSE;
      }
      if (v === UNKNOWN) unknown = true;
    }
    if (unknown) {
      because.truncate(because0);
      return UNKNOWN;
    }
    unknowns.truncate(unknowns0);
    return TRUE;
  };
}

function compileAny(conditions: readonly Condition[], scope: ConditionScope): CompiledCondition {
  const children = conditions.map((child) => compileCondition(child, scope));
  return (inputs, item, index, trail) => {
    const because0 = trail.because.length;
    const unknowns0 = trail.unknowns.length;
    let seen = 0;
    for (const child of children) {
      const mark = trail.because.length;
      seen = anyStep(seen, child(inputs, item, index, trail), trail, because0, mark);
    }
    return anyValue(seen, trail, because0, unknowns0);
  };
}

/** `some` is an `any` over the items of a list, each decided at its own index. */
function compileSome(list: string, where: CompiledCondition): CompiledCondition {
  const spec = factSpec(list) as FactSpec;
  const access = new FactAccess({ absolute: list }, spec);
  const view = new FactView(spec);
  const listFact: TracedFact = { label: () => list, evidence: () => list };
  return (inputs, _item, _index, trail) => {
    const items = view.normalise(access.read(inputs, undefined, -1)) as readonly Item[] | undefined;
    if (items === undefined) {
      trail.unknowns.push(listFact, -1, undefined);
      return UNKNOWN;
    }
    const because0 = trail.because.length;
    const unknowns0 = trail.unknowns.length;
    let seen = 0;
    for (let i = 0; i < items.length; i++) {
      const mark = trail.because.length;
      seen = anyStep(seen, where(inputs, items[i], i, trail), trail, because0, mark);
    }
    return anyValue(seen, trail, because0, unknowns0);
  };
}

/** What an `any` has seen among its branches so far (bit flags). */
const SEEN_TRUE = 1;
const SEEN_UNKNOWN = 2;

/**
 * Takes one branch of an `any` into account. Its value is TRUE because of every TRUE branch
 * and FALSE because of every branch, so the evidence of a FALSE branch is dropped as soon as
 * some branch is TRUE. The branch's own entries start at `mark`, the `any`'s at `because0`.
 */
function anyStep(seen: number, value: Tri, trail: Trail, because0: number, mark: number): number {
  if (value === TRUE) {
    // Everything before the first TRUE branch came from FALSE ones (UNKNOWN ones push no evidence).
    if ((seen & SEEN_TRUE) === 0) trail.because.remove(because0, mark);
    return seen | SEEN_TRUE;
  }
  if (value === UNKNOWN) return seen | SEEN_UNKNOWN;
  if ((seen & SEEN_TRUE) !== 0) trail.because.truncate(mark);
  return seen;
}

/** The `any`'s value once every branch is in; an UNKNOWN keeps the branches' unknowns. */
function anyValue(seen: number, trail: Trail, because0: number, unknowns0: number): Tri {
  if ((seen & SEEN_TRUE) !== 0) {
    trail.unknowns.truncate(unknowns0);
    return TRUE;
  }
  if ((seen & SEEN_UNKNOWN) !== 0) {
    trail.because.truncate(because0);
    return UNKNOWN;
  }
  return FALSE;
}
