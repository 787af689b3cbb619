import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import { parseDisclosure } from '../../policy/disclosure.js';
import { appendAudit } from '../../store/ledger.js';
import { findVisibleProduction } from '../../store/repositories/productions.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { assess } from '../disclosures/assess.js';
import { submitDisclosure } from '../disclosures/submit-disclosure.js';
import { ImportParseError, type ImportRow, parseImportFile, type RowProblem } from './parse-import.js';

export type ImportDisclosuresInput = {
  readonly productionId: string;
  readonly format: 'yaml' | 'csv';
  readonly content: string;
  readonly dryRun?: boolean | undefined;
};

export type ImportRowResult = {
  readonly row: number;
  readonly description: string;
  readonly outcome: string;
  readonly rules: readonly string[];
  /** Set when the row was submitted (not on a dry run). */
  readonly disclosureId?: string | undefined;
  readonly state?: string | undefined;
};

export type ImportResult = { readonly dryRun: boolean; readonly rows: readonly ImportRowResult[] };

/**
 * Imports many disclosures into one production. Every row is parsed and validated first; any
 * bad row refuses the whole file (INVALID_INPUT, details.rows naming row, column and reason)
 * and nothing is written. A dry run stops there and shows each row's verdict. Otherwise each
 * row goes through the very submit verb a single disclosure does (same routing, notices and
 * ledger), with an idempotency key made of the file and the row: if the import is cut off
 * half-way (a lost connection, a crash), sending the same file again finishes it without
 * duplicating the rows already in. The verdicts of a dry run are the pack's on the document;
 * the submit also applies the studio's registries, which may make a verdict stricter.
 */
export async function importDisclosures({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: ImportDisclosuresInput;
}): Promise<ImportResult> {
  requirePermission(ctx, 'disclosure.import');
  const production = await ctx.store.read((db) =>
    findVisibleProduction(db, ctx.principal, input.productionId),
  );
  if (production === undefined) {
    throw new AppError('NOT_FOUND', `No production ${input.productionId} that you can see.`, {
      productionId: input.productionId,
    });
  }
  const rows = parseRows(input);
  const documents = rows.map((r) => ({
    row: r.row,
    document: {
      schema: 'clearframe/disclosure@1',
      production: { title: production.title, format: production.format },
      ...r.document,
    },
  }));
  const problems: RowProblem[] = [];
  for (const { row, document } of documents) {
    const parsed = parseDisclosure(document);
    if (!parsed.ok) {
      for (const issue of parsed.issues) {
        problems.push({ row, column: columnOf(issue.path, rows, input.format), reason: issue.message });
      }
    }
  }
  if (problems.length > 0) throw refused(problems);
  const assessed = documents.map(({ row, document }) => ({ row, document, ...assess(document) }));
  if (input.dryRun) {
    return {
      dryRun: true,
      rows: assessed.map((a) => ({
        row: a.row,
        description: a.disclosure.description,
        outcome: a.verdict.outcome,
        rules: a.verdict.findings.map((f) => f.rule),
      })),
    };
  }
  const batch = createHash('sha256')
    .update(`${input.productionId}\n${input.format}\n${input.content}`)
    .digest('hex');
  const results: ImportRowResult[] = [];
  for (const a of assessed) {
    const { result } = await submitDisclosure({
      ctx,
      input: {
        productionId: production.id,
        disclosure: a.document,
        idempotencyKey: `import:${batch.slice(0, 32)}:${a.row}`,
      },
    });
    results.push({
      row: a.row,
      description: a.disclosure.description,
      outcome: result.revision.outcome,
      rules: (result.revision.verdict as { findings: { rule: string }[] }).findings.map((f) => f.rule),
      disclosureId: result.id,
      state: result.state,
    });
  }
  await ctx.store.transaction((tx) =>
    appendAudit(tx, ledgerWriter(ctx, nowOf(ctx)), [
      {
        type: 'disclosures.imported',
        productionId: production.id,
        count: results.length,
        disclosureIds: results.map((r) => r.disclosureId ?? ''),
      },
    ]),
  );
  return { dryRun: false, rows: results };
}

function parseRows(input: ImportDisclosuresInput): ImportRow[] {
  try {
    return parseImportFile(input.format, input.content);
  } catch (error) {
    if (error instanceof ImportParseError) throw refused(error.problems);
    throw error;
  }
}

function refused(problems: readonly RowProblem[]): AppError {
  const shown = problems.slice(0, 5).map((p) => `row ${p.row}, ${p.column}: ${p.reason}`);
  return new AppError(
    'INVALID_INPUT',
    `The import was refused and nothing was written: ${problems.length} problem(s). ${shown.join('; ')}${problems.length > 5 ? '; ...' : ''}`,
    { rows: problems },
  );
}

/** The CSV column a disclosure path came from (`tools[0].enterprise` -> `tools`); YAML keeps the path. */
function columnOf(path: string, rows: readonly ImportRow[], format: 'yaml' | 'csv'): string {
  if (path === '(document)' || path === '') return '(row)';
  if (format === 'yaml') return path;
  const plain = path.replace(/\[\d+\].*$/, '');
  const headers = new Set(rows.flatMap((r) => flatKeys(r.document)));
  let candidate = plain;
  while (candidate.includes('.') && !headers.has(candidate))
    candidate = candidate.slice(0, candidate.lastIndexOf('.'));
  return candidate || '(row)';
}

function flatKeys(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? flatKeys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}
