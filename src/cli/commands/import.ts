import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { addApiOptions, apiClient } from '../api-client.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';

type ImportOptions = {
  production: string;
  dryRun?: boolean;
  format?: string;
  json?: boolean;
  url?: string;
  token?: string;
};

type Result = {
  dryRun: boolean;
  rows: { row: number; description: string; outcome: string; disclosureId?: string; state?: string }[];
};

/** `clearframe import FILE --production ID [--dry-run]`: bulk import through the server's import route. */
export function registerImport(program: Command): void {
  addApiOptions(
    program
      .command('import')
      .description('Bulk import disclosures from a YAML or CSV file; --dry-run shows each row’s verdict')
      .argument('<file>', 'a .yaml/.yml or .csv file')
      .requiredOption('--production <id>', 'the production the uses belong to')
      .option('--dry-run', 'validate and show verdicts; write nothing')
      .option('--format <format>', 'yaml or csv (default: from the file extension)')
      .option('--json', 'print the result as JSON'),
  ).action(async (file: string, options: ImportOptions) => {
    const format = options.format ?? (extname(file).toLowerCase() === '.csv' ? 'csv' : 'yaml');
    if (format !== 'yaml' && format !== 'csv') {
      throw new CliError(`--format ${format} is not supported; use yaml or csv`, EXIT.INVALID_INPUT);
    }
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch {
      throw new CliError(`cannot read ${file}`, EXIT.INVALID_INPUT);
    }
    const result = await apiClient(options).request<Result>(
      'POST',
      `/api/productions/${encodeURIComponent(options.production)}/imports`,
      { format, content, dryRun: options.dryRun === true },
    );
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    for (const r of result.rows) {
      const where = r.disclosureId ? ` -> ${r.disclosureId} (${r.state})` : '';
      process.stdout.write(
        `row ${r.row}: ${r.outcome.toUpperCase()}  ${r.description.slice(0, 70)}${where}\n`,
      );
    }
    process.stdout.write(
      result.dryRun
        ? `Dry run: ${result.rows.length} row(s) valid, nothing written.\n`
        : `Imported ${result.rows.length} disclosure(s).\n`,
    );
  });
}
