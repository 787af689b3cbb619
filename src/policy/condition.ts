import { type FactSpec, factSpec, itemFields } from './facts.js';

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
 * Where `explain` writes why a condition came out as it did. A node that returns TRUE or
 * FALSE has appended only `because` entries (the evidence for that value); one that returns
 * UNKNOWN has appended only `unknowns` (the keys whose answer would settle it). One sink per
 * finding, so explaining allocates little beyond the strings it reports.
 */
export type ExplanationSink = { readonly because: string[]; readonly unknowns: string[] };

/**
 * A condition compiled once at pack load: `test` is the allocation-free fast path used to
 * decide whether a rule fires at all; `explain` is run only for rules that fire, to name
 * the facts behind the finding.
 */
export type CompiledCondition = {
  readonly test: (root: Root, item: Item | undefined) => Tri;
  readonly explain: (root: Root, item: Item | undefined, itemPath: string, sink: ExplanationSink) => Tri;
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

type Reader = (root: Root, item: Item | undefined) => unknown;

function reader(path: ResolvedPath): Reader {
  if (path.relative !== undefined) {
    const field = path.relative;
    return (_root, item) => item?.[field];
  }
  const segments = path.absolute.split('.');
  if (segments.length === 1) {
    const [a] = segments as [string];
    return (root) => root[a];
  }
  const [a, b] = segments as [string, string];
  return (root) => (root[a] as Item | undefined)?.[b];
}

/** Reads a fact as the engine sees it: defaults applied, permissions closed, `undefined` = unknown. */
function normaliser(spec: FactSpec): (raw: unknown) => unknown {
  switch (spec.kind) {
    case 'answer': {
      const fallback = spec.default;
      return (raw) => {
        const value = raw ?? fallback;
        return value === 'unsure' ? undefined : value;
      };
    }
    case 'permission': {
      const closed = spec.failClosedTo;
      const open = closed === 'yes' ? 'no' : 'yes';
      return (raw) => (raw === open ? open : closed);
    }
    case 'enum': {
      const fallback = spec.default;
      return (raw) => raw ?? fallback;
    }
    case 'set':
    case 'list':
      return spec.unansweredWhenMissing ? (raw) => raw : (raw) => raw ?? [];
    default:
      return (raw) => raw;
  }
}

function describe(raw: unknown, spec: FactSpec): string {
  if (raw === undefined) return spec.kind === 'permission' ? 'not given' : 'not answered';
  if (Array.isArray(raw)) return raw.length === 0 ? 'empty' : `[${raw.map(String).join(', ')}]`;
  return String(raw);
}

export function compileCondition(raw: Condition, scope: ConditionScope): CompiledCondition {
  const node = raw as Record<string, unknown>;
  if ('all' in node || 'any' in node) return compileJunction(raw, scope);
  if ('not' in node) return compileNot((raw as { not: Condition }).not, scope);
  if ('some' in node) {
    const { some, where } = raw as { some: string; where: Condition };
    return compileSome(
      resolvePath(some, scope).absolute,
      compileCondition(where, { list: resolvePath(some, scope).absolute }),
    );
  }
  return compileFact(raw as { fact: string }, scope);
}

function compileFact(
  raw: { fact: string } & Record<string, unknown>,
  scope: ConditionScope,
): CompiledCondition {
  const path = resolvePath(raw.fact, scope);
  const spec = factSpec(path.absolute) as FactSpec;
  const read = reader(path);
  const normalise = normaliser(spec);
  const suffix = path.relative ?? path.absolute;
  const label = (itemPath: string) => (path.relative !== undefined ? `${itemPath}.${suffix}` : path.absolute);

  if ('answered' in raw) {
    // The literal answer, unknowns included as FALSE: "you said no" is a fact about the file.
    const expected = raw['answered'] as string;
    return {
      test: (root, item) => (read(root, item) === expected ? TRUE : FALSE),
      explain: (root, item, itemPath, sink) => {
        const value = read(root, item);
        sink.because.push(`${label(itemPath)} is ${describe(value, spec)}`);
        return value === expected ? TRUE : FALSE;
      },
    };
  }
  let predicate: (value: unknown) => boolean;
  let wording: string;
  if ('is' in raw || 'in' in raw) {
    const values = 'is' in raw ? [raw['is'] as string] : (raw['in'] as string[]);
    predicate = values.length === 1 ? (v) => v === values[0] : (v) => values.includes(v as string);
    wording = 'is';
  } else if ('includes' in raw) {
    const values = raw['includes'] as string[];
    predicate = (v) => (v as string[]).some((entry) => values.includes(entry));
    wording = 'includes';
  } else {
    const wantEmpty = raw['empty'] as boolean;
    predicate = (v) => ((v as unknown[]).length === 0) === wantEmpty;
    wording = 'is';
  }

  const test = (root: Root, item: Item | undefined): Tri => {
    const value = normalise(read(root, item));
    if (value === undefined) return UNKNOWN;
    return predicate(value) ? TRUE : FALSE;
  };
  const explain = (root: Root, item: Item | undefined, itemPath: string, sink: ExplanationSink): Tri => {
    const rawValue = read(root, item);
    const value = normalise(rawValue);
    const at = label(itemPath);
    if (value === undefined) {
      sink.unknowns.push(at);
      return UNKNOWN;
    }
    const matched = predicate(value);
    sink.because.push(
      wording === 'includes' && matched
        ? `${at} includes ${(value as string[]).filter((v) => (raw['includes'] as string[]).includes(v)).join(', ')}`
        : `${at} is ${describe(rawValue === undefined && spec.kind !== 'permission' ? value : rawValue, spec)}`,
    );
    return matched ? TRUE : FALSE;
  };
  return { test, explain };
}

function compileNot(inner: Condition, scope: ConditionScope): CompiledCondition {
  const child = compileCondition(inner, scope);
  const flip = (v: Tri): Tri => (v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE);
  return {
    test: (root, item) => flip(child.test(root, item)),
    // The evidence that made the child FALSE is the evidence that makes `not` TRUE, and back.
    explain: (root, item, itemPath, sink) => flip(child.explain(root, item, itemPath, sink)),
  };
}

function compileJunction(raw: Condition, scope: ConditionScope): CompiledCondition {
  const isAll = 'all' in raw;
  const children = (
    (isAll ? (raw as { all: Condition[] }).all : (raw as { any: Condition[] }).any) as Condition[]
  ).map((child) => compileCondition(child, scope));
  // `all` is decided by its first FALSE child, `any` by its first TRUE child.
  const decisive: Tri = isAll ? FALSE : TRUE;
  const otherwise: Tri = isAll ? TRUE : FALSE;
  const test = (root: Root, item: Item | undefined): Tri => {
    let unknown = false;
    for (const child of children) {
      const v = child.test(root, item);
      if (v === decisive) return decisive;
      if (v === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : otherwise;
  };
  const explain = (root: Root, item: Item | undefined, itemPath: string, sink: ExplanationSink): Tri =>
    explainJunction(isAll, children.length, (i) => children[i]!.explain(root, item, itemPath, sink), sink);
  return { test, explain };
}

function compileSome(list: string, where: CompiledCondition): CompiledCondition {
  const spec = factSpec(list) as FactSpec;
  const read = reader({ absolute: list });
  const normalise = normaliser(spec);
  const test = (root: Root): Tri => {
    const items = normalise(read(root, undefined)) as Item[] | undefined;
    if (items === undefined) return UNKNOWN;
    let unknown = false;
    for (const entry of items) {
      const v = where.test(root, entry);
      if (v === TRUE) return TRUE;
      if (v === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : FALSE;
  };
  const explain = (root: Root, _item: Item | undefined, _itemPath: string, sink: ExplanationSink): Tri => {
    const items = normalise(read(root, undefined)) as Item[] | undefined;
    if (items === undefined) {
      sink.unknowns.push(list);
      return UNKNOWN;
    }
    // `some` is an `any` over the items, each explained at its own path.
    return explainJunction(
      false,
      items.length,
      (i) => where.explain(root, items[i], `${list}[${i}]`, sink),
      sink,
    );
  };
  return { test, explain };
}

/**
 * Explains `all` (or `any`) over `count` children, keeping the sink's invariant: `all` is FALSE
 * because of its first FALSE child and TRUE because of every child; `any` is TRUE because of
 * every TRUE child and FALSE because of every child; UNKNOWN keeps the children's unknowns.
 */
function explainJunction(
  isAll: boolean,
  count: number,
  explainChild: (i: number) => Tri,
  sink: ExplanationSink,
): Tri {
  const { because, unknowns } = sink;
  const because0 = because.length;
  const unknowns0 = unknowns.length;
  let unknown = false;
  let anyTrue = false;
  let falseEvidence: string[] | undefined;
  for (let i = 0; i < count; i++) {
    const mark = because.length;
    const value = explainChild(i);
    if (isAll) {
      if (value === FALSE) {
        because.splice(because0, mark - because0);
        unknowns.length = unknowns0;
        return FALSE;
      }
      if (value === UNKNOWN) unknown = true;
      continue;
    }
    if (value === TRUE) anyTrue = true;
    else if (value === UNKNOWN) unknown = true;
    // A FALSE branch of `any` explains nothing unless every branch is FALSE: set it aside.
    else {
      falseEvidence ??= [];
      falseEvidence.push(...because.splice(mark));
    }
  }
  if (isAll ? unknown : !anyTrue && unknown) {
    because.length = because0;
    return UNKNOWN;
  }
  unknowns.length = unknowns0;
  if (!isAll && !anyTrue) {
    if (falseEvidence) because.push(...falseEvidence);
    return FALSE;
  }
  return TRUE;
}
