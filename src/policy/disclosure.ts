import { z } from 'zod';
import {
  ANSWERS,
  DEPICTIONS,
  DISCLOSURE_SCHEMA_ID,
  EXEMPTIONS,
  INPUT_KINDS,
  MEDIA,
  OUTPUT_ELEMENTS,
  PHASES,
  PRODUCTION_FORMATS,
  PROMPT_REFERENCES,
  TALENT_USES,
  TRAINING_DATA,
  TRAINING_KINDS,
} from './vocabulary.js';

/**
 * A yes/no question: `yes`, `no`, `unsure`, or a JSON/YAML boolean standing for yes/no.
 * Normalised to the string form so that `true` and `yes` hash and evaluate the same.
 */
const answer = z.preprocess(
  (value) => (value === true ? 'yes' : value === false ? 'no' : value),
  z.enum(ANSWERS, { error: 'expected yes, no, unsure (or true/false)' }),
);

const text = (max: number) => z.string().trim().min(1).max(max);
/** A list that, when left out, is empty (disclosure-format.md "Lists left out are empty"). */
const listOf = <T extends z.ZodType>(item: T) => z.array(item).max(200).default([]);

const tool = z.strictObject({
  name: text(200),
  enterprise: answer.optional(),
  retainsData: answer.optional(),
});

const input = z.strictObject({
  kind: z.enum(INPUT_KINDS),
  approved: answer.optional(),
});

const talent = z.strictObject({
  performer: text(200),
  use: z.enum(TALENT_USES),
  unionCovered: answer.optional(),
  consent: answer.optional(),
  deceased: answer.optional(),
  exemption: z.enum(EXEMPTIONS).default('none'),
});

export const DisclosureSchema = z.strictObject({
  schema: z.literal(DISCLOSURE_SCHEMA_ID),
  production: z.strictObject({
    title: text(200),
    format: z.enum(PRODUCTION_FORMATS).default('other'),
  }),
  phase: z.enum(PHASES).optional(),
  description: text(5000),
  media: listOf(z.enum(MEDIA)),
  // Left out means "which tools is unanswered", not "no tools": no default here.
  tools: z.array(tool).max(50).optional(),
  principles: z
    .strictObject({
      noInfringement: answer.optional(),
      noDataRetention: answer.optional(),
      enterpriseSecured: answer.optional(),
      temporaryOnly: answer.optional(),
      noTalentReplacement: answer.optional(),
    })
    .default({}),
  inputs: listOf(input),
  training: z
    .strictObject({
      kind: z.enum(TRAINING_KINDS).default('none'),
      // Left out while training is unanswered data, an open question: no default.
      data: z.array(z.enum(TRAINING_DATA)).max(20).optional(),
    })
    .default({ kind: 'none' }),
  output: z
    .strictObject({
      final: answer.optional(),
      element: z.enum(OUTPUT_ELEMENTS).default('none'),
      narrativeInfluence: answer.optional(),
    })
    .default({ element: 'none' }),
  prompts: z.strictObject({ references: listOf(z.enum(PROMPT_REFERENCES)) }).default({ references: [] }),
  talent: listOf(talent),
  realism: z
    .strictObject({
      depicts: listOf(z.enum(DEPICTIONS)),
      couldMislead: answer.optional(),
      asEvidence: answer.optional(),
      fabricatedStatement: answer.optional(),
    })
    .default({ depicts: [] }),
});

/** A validated, normalised `clearframe/disclosure@1` object. */
export type Disclosure = z.output<typeof DisclosureSchema>;
export type Tool = Disclosure['tools'] extends readonly (infer T)[] | undefined ? T : never;
export type Talent = Disclosure['talent'][number];
export type DisclosureInput = Disclosure['inputs'][number];

/** One problem with a disclosure: where it is, what was there, and what is allowed. */
export type DisclosureIssue = { readonly path: string; readonly value: unknown; readonly message: string };

export type DisclosureParseResult =
  | { readonly ok: true; readonly disclosure: Disclosure }
  | { readonly ok: false; readonly issues: readonly DisclosureIssue[] };

/** Validates and normalises a disclosure, reporting every problem at once, never only the first. */
export function parseDisclosure(raw: unknown): DisclosureParseResult {
  const result = DisclosureSchema.safeParse(raw);
  if (result.success) return { ok: true, disclosure: result.data };
  return { ok: false, issues: result.error.issues.flatMap((issue) => describeIssue(raw, issue)) };
}

/** `tools[1].retainsData`: the path notation used by issues, findings and open questions. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(document)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.hasOwn(current, segment)
      ? (current as Record<PropertyKey, unknown>)[segment]
      : undefined;
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function describeIssue(raw: unknown, issue: z.core.$ZodIssue): DisclosureIssue[] {
  const value = valueAt(raw, issue.path);
  const at = (path: readonly PropertyKey[], v: unknown, message: string): DisclosureIssue => ({
    path: formatPath(path),
    value: v,
    message,
  });
  switch (issue.code) {
    case 'unrecognized_keys': {
      const parent = formatPath(issue.path);
      const allowed = allowedKeysAt(issue.path);
      return issue.keys.map((key) =>
        at(
          [...issue.path, key],
          valueAt(raw, [...issue.path, key]),
          `unknown key "${key}"${parent === '(document)' ? '' : ` in ${parent}`}${allowed ? `; allowed keys: ${allowed}` : ''}`,
        ),
      );
    }
    case 'invalid_value': {
      if (issue.values.length === 1 && issue.path[0] === 'schema') {
        return [
          at(
            issue.path,
            value,
            `${describeValue(value)} is not supported; expected "${DISCLOSURE_SCHEMA_ID}"`,
          ),
        ];
      }
      const allowed = issue.values.map(String).join(', ');
      const booleans = allowed === ANSWERS.join(', ') ? ' (or true/false)' : '';
      return [
        at(
          issue.path,
          value,
          `${describeValue(value)} is not allowed; expected one of ${allowed}${booleans}`,
        ),
      ];
    }
    case 'invalid_type':
      if (value === undefined) return [at(issue.path, value, `is required (${issue.expected})`)];
      return [
        at(
          issue.path,
          value,
          `${describeValue(value)} has the wrong type; expected ${typeLabel(issue.expected)}`,
        ),
      ];
    case 'too_small':
      if (issue.origin === 'string') {
        return [at(issue.path, value, `must not be empty`)];
      }
      return [
        at(
          issue.path,
          value,
          `must have at least ${issue.minimum} ${issue.origin === 'array' ? 'entries' : ''}`.trim(),
        ),
      ];
    case 'too_big':
      if (issue.origin === 'string') {
        return [
          at(
            issue.path,
            describeValue(value),
            `is too long (${String(value).length} characters); at most ${issue.maximum} allowed`,
          ),
        ];
      }
      return [at(issue.path, 'a list', `has too many entries; at most ${issue.maximum} allowed`)];
    default:
      return [at(issue.path, value, issue.message)];
  }
}

function typeLabel(expected: string): string {
  if (expected === 'object') return 'a mapping of keys to values';
  if (expected === 'array') return 'a list';
  return `a ${expected}`;
}

/** The keys a strict object accepts at a path, for "unknown key" messages. */
function allowedKeysAt(path: readonly PropertyKey[]): string | undefined {
  let schema: z.ZodType = DisclosureSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (typeof segment === 'number' && schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[String(segment)];
      if (!next) return undefined;
      schema = next;
    } else return undefined;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape).join(', ') : undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}
