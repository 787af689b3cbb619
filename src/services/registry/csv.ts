import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../domain/errors.js';

/** CSV for the registries: one header row; lists joined with `;`; empty cells are "not given". */

export type ColumnKind = 'text' | 'boolean' | 'integer' | 'list';
export type Columns = Readonly<Record<string, ColumnKind>>;

/** Rows refused on import: the 1-based data row (line = row + 1, after the header), column, value, reason. */
export type RowIssue = {
  readonly row: number;
  readonly column: string;
  readonly value: unknown;
  readonly message: string;
};

export const IMPORT_MAX_ROWS = 5_000;

export function refuseRows(what: string, issues: readonly RowIssue[]): never {
  const first = issues[0];
  throw new AppError(
    'INVALID_INPUT',
    `Nothing was imported: ${issues.length} problem(s) in the ${what}${first ? `; first: row ${first.row}, ${first.column}: ${first.message}` : ''}. Fix each row listed in details.issues and import again.`,
    { issues: issues.slice(0, 200) },
  );
}

function cell(kind: ColumnKind, raw: string): unknown {
  const value = raw.trim();
  if (value === '') return kind === 'list' ? [] : null;
  switch (kind) {
    case 'text':
      return value;
    case 'boolean': {
      const lower = value.toLowerCase();
      if (['true', 'yes', '1'].includes(lower)) return true;
      if (['false', 'no', '0'].includes(lower)) return false;
      return value; // left as text: the schema names it as not a boolean
    }
    case 'integer':
      return /^-?\d+$/.test(value) ? Number(value) : value;
    case 'list':
      return value
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');
  }
}

/**
 * Parses CSV text into objects typed by `columns`. Every header must be a known column, and
 * every required column present; a row with the wrong cell count is refused by number.
 */
export function parseCsv(
  text: string,
  columns: Columns,
  required: readonly string[],
): Record<string, unknown>[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError(
      'INVALID_INPUT',
      `The CSV could not be read${line ? ` (line ${line})` : ''}: ${(error as Error).message}`,
      {
        line: line ?? null,
      },
    );
  }
  const [header, ...rows] = records;
  if (header === undefined)
    refuseRows('CSV', [{ row: 0, column: '(header)', value: '', message: 'the file is empty' }]);
  const issues: RowIssue[] = [];
  const names = header.map((h) => h.trim());
  for (const name of names) {
    if (!Object.hasOwn(columns, name)) {
      issues.push({
        row: 0,
        column: name,
        value: name,
        message: `unknown column; allowed: ${Object.keys(columns).join(', ')}`,
      });
    }
  }
  for (const name of required) {
    if (!names.includes(name))
      issues.push({ row: 0, column: name, value: null, message: 'required column is missing' });
  }
  if (rows.length > IMPORT_MAX_ROWS) {
    issues.push({
      row: IMPORT_MAX_ROWS + 1,
      column: '(row)',
      value: rows.length,
      message: `at most ${IMPORT_MAX_ROWS} rows per import`,
    });
  }
  if (issues.length > 0) refuseRows('CSV header', issues);
  const out: Record<string, unknown>[] = [];
  rows.forEach((cells, i) => {
    if (cells.length !== names.length) {
      issues.push({
        row: i + 1,
        column: '(row)',
        value: cells.length,
        message: `has ${cells.length} cells, the header has ${names.length}`,
      });
      return;
    }
    const item: Record<string, unknown> = {};
    names.forEach((name, j) => {
      const kind = columns[name] ?? 'text';
      const value = cell(kind, cells[j] ?? '');
      // An empty optional cell is left out, so the schema's default applies.
      if (value !== null) item[name] = value;
    });
    out.push(item);
  });
  if (issues.length > 0) refuseRows('CSV', issues);
  return out;
}

/** CSV with formula escaping on: a cell starting with = + - @ cannot run in a spreadsheet. */
export function toCsv(columns: Columns, rows: readonly Record<string, unknown>[]): string {
  const names = Object.keys(columns);
  return stringify(
    rows.map((row) =>
      names.map((name) => {
        const value = row[name];
        if (Array.isArray(value)) return value.join(';');
        if (value === null || value === undefined) return '';
        return String(value);
      }),
    ),
    { header: true, columns: names, escape_formulas: true },
  );
}

export type RegistryFormat = 'csv' | 'json';
export type ImportResult = { readonly created: number; readonly updated: number; readonly reopened: number };

/** The rows of an import before validation: CSV text, or a JSON object `{ items: [...] }`. */
export function importRows(
  format: RegistryFormat,
  body: unknown,
  columns: Columns,
  required: readonly string[],
): unknown[] {
  if (format === 'csv') {
    if (typeof body !== 'string')
      throw new AppError('INVALID_INPUT', 'A CSV import needs the CSV text as the body.');
    return parseCsv(body, columns, required);
  }
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) {
    throw new AppError(
      'INVALID_INPUT',
      'A JSON import is an object { "items": [ ... ] }, one record per item.',
    );
  }
  if (items.length > IMPORT_MAX_ROWS) {
    throw new AppError(
      'INVALID_INPUT',
      `At most ${IMPORT_MAX_ROWS} items per import; this one has ${items.length}.`,
      {
        items: items.length,
        max: IMPORT_MAX_ROWS,
      },
    );
  }
  return items;
}
