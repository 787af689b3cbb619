import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

/**
 * Bulk import files: rows of `clearframe/disclosure@1` documents.
 *
 * YAML: a list of disclosure objects (or `{ disclosures: [...] }`); `schema` and `production`
 * may be left out (the target production fills them in).
 *
 * CSV: one disclosure per row; each header is a dotted path into the disclosure
 * (`description`, `phase`, `principles.temporaryOnly`, `output.final`, ...). List columns take
 * `;`-separated values (`media`, `inputs`, `training.data`, `prompts.references`,
 * `realism.depicts`); `tools` is `name|enterprise|retainsData;...` and `talent` is
 * `performer|use|consent|unionCovered;...` (later fields optional). Empty cells are left out.
 */
export type ImportRow = {
  /** 1-based data row (CSV: the header is row 1, so data starts at 2; YAML: list position). */
  readonly row: number;
  readonly document: Record<string, unknown>;
};

export type RowProblem = { readonly row: number; readonly column: string; readonly reason: string };

export class ImportParseError extends Error {
  constructor(readonly problems: readonly RowProblem[]) {
    super(problems.map((p) => `row ${p.row}, ${p.column}: ${p.reason}`).join('; '));
    this.name = 'ImportParseError';
  }
}

export const MAX_IMPORT_ROWS = 500;

const LIST_COLUMNS = new Set(['media', 'training.data', 'prompts.references', 'realism.depicts']);

export function parseImportFile(format: 'yaml' | 'csv', content: string): ImportRow[] {
  const rows = format === 'yaml' ? parseYamlRows(content) : parseCsvRows(content);
  if (rows.length === 0)
    throw new ImportParseError([{ row: 0, column: '(file)', reason: 'the file has no rows' }]);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ImportParseError([
      { row: 0, column: '(file)', reason: `${rows.length} rows; at most ${MAX_IMPORT_ROWS} per import` },
    ]);
  }
  return rows;
}

function parseYamlRows(content: string): ImportRow[] {
  let data: unknown;
  try {
    data = parseYaml(content);
  } catch (error) {
    throw new ImportParseError([
      { row: 0, column: '(file)', reason: `not valid YAML: ${(error as Error).message}` },
    ]);
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { disclosures?: unknown }).disclosures)
      ? (data as { disclosures: unknown[] }).disclosures
      : undefined;
  if (list === undefined) {
    throw new ImportParseError([
      { row: 0, column: '(file)', reason: 'expected a list of disclosures (or { disclosures: [...] })' },
    ]);
  }
  const problems: RowProblem[] = [];
  const rows: ImportRow[] = [];
  list.forEach((item, index) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      rows.push({ row: index + 1, document: item as Record<string, unknown> });
    } else
      problems.push({
        row: index + 1,
        column: '(row)',
        reason: 'each list item must be a disclosure object',
      });
  });
  if (problems.length > 0) throw new ImportParseError(problems);
  return rows;
}

function parseCsvRows(content: string): ImportRow[] {
  let records: Record<string, string>[];
  try {
    records = parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
      string,
      string
    >[];
  } catch (error) {
    throw new ImportParseError([
      { row: 0, column: '(file)', reason: `not valid CSV: ${(error as Error).message}` },
    ]);
  }
  return records.map((record, index) => {
    const document: Record<string, unknown> = {};
    for (const [column, raw] of Object.entries(record)) {
      // A quote that a spreadsheet export added in front of = + - @ is not part of the value.
      const value = raw.replace(/^'(?=[=+\-@])/, '');
      if (value === '') continue;
      setPath(document, column, cellValue(column, value));
    }
    return { row: index + 2, document };
  });
}

const split = (value: string) =>
  value
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function cellValue(column: string, value: string): unknown {
  if (LIST_COLUMNS.has(column)) return split(value);
  if (column === 'inputs') return split(value).map((kind) => ({ kind }));
  if (column === 'tools') {
    return split(value).map((entry) => {
      const [name, enterprise, retainsData] = entry.split('|').map((p) => p.trim());
      return { name, ...(enterprise ? { enterprise } : {}), ...(retainsData ? { retainsData } : {}) };
    });
  }
  if (column === 'talent') {
    return split(value).map((entry) => {
      const [performer, use, consent, unionCovered] = entry.split('|').map((p) => p.trim());
      return { performer, use, ...(consent ? { consent } : {}), ...(unionCovered ? { unionCovered } : {}) };
    });
  }
  return value;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next && typeof next === 'object' && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys.at(-1) as string] = value;
}
