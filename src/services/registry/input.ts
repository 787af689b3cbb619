import { z } from 'zod';
import { AppError } from '../../domain/errors.js';

/** Shared input helpers for the registry verbs: one zod check, one error shape naming each key. */

export const DAY = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar day YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'not a real calendar day',
    },
  );

export const nameText = (max: number) => z.string().trim().min(1).max(max);

export type InputIssue = { readonly path: string; readonly value: unknown; readonly message: string };

/** Zod issues as `{ path, value, message }`, the value read back from the input. */
export function issuesOf(error: z.ZodError, raw: unknown): InputIssue[] {
  return error.issues.map((issue) => {
    let value: unknown = raw;
    for (const key of issue.path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key as PropertyKey]
          : undefined;
    }
    return { path: issue.path.join('.') || '(root)', value, message: issue.message };
  });
}

/**
 * Checks one import row: its data, or `undefined` after adding every problem to `issues`
 * under its row number, so an import can report all bad rows before refusing the file.
 */
export function parseRow<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  row: number,
  issues: { row: number; column: string; value: unknown; message: string }[],
): z.output<T> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of issuesOf(result.error, raw)) {
    issues.push({ row, column: issue.path, value: issue.value, message: issue.message });
  }
  return undefined;
}

/** Validates service input at the edge of the verb (the CLI and jobs call verbs directly too). */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = issuesOf(result.error, raw);
  const first = issues[0];
  throw new AppError(
    'INVALID_INPUT',
    `The ${what} is not valid: ${first ? `${first.path}: ${first.message}` : 'unknown problem'}${issues.length > 1 ? ` (and ${issues.length - 1} more, see details.issues)` : ''}.`,
    { issues },
  );
}
