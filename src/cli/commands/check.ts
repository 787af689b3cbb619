import type { Command } from 'commander';
import { nodeSha256Hex } from '../../platform/node-sha256.js';
import { type DisclosureIssue, parseDisclosure } from '../../policy/disclosure.js';
import { evaluate } from '../../policy/evaluate.js';
import type { Outcome, Verdict } from '../../policy/verdict.js';
import { EXIT } from '../exit-codes.js';
import { formatVerdict } from '../format-verdict.js';
import { loadPackOption } from '../load-pack-option.js';
import { readYamlOrJson } from '../read-input-file.js';
import { styleFor } from '../style.js';

/** Exit codes of `clearframe check` (disclosure-format.md). */
export const CHECK_EXIT: Readonly<Record<Outcome, number>> = {
  notify: 0,
  escalate: 10,
  approval: 20,
  prohibited: 30,
};

type CheckResult =
  | { readonly file: string; readonly verdict: Verdict }
  | {
      readonly file: string;
      readonly error: { readonly message: string; readonly issues: readonly DisclosureIssue[] };
    };

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Give the verdict on one or more disclosure files (YAML or JSON; - reads standard input)')
    .argument('<file...>', 'disclosure files in the clearframe/disclosure@1 format')
    .option('--json', 'print the verdict object (an array of {file, verdict|error} for several files)')
    .option('--pack <id|path>', 'policy pack id (from `clearframe packs`) or a pack file')
    .addHelpText(
      'after',
      '\nExit codes: 0 notify, 10 escalate, 20 approval, 30 prohibited (the strictest over all files), 2 invalid input.',
    )
    .action((files: string[], options: { json?: boolean; pack?: string }) => {
      const pack = loadPackOption(options.pack);
      const results = files.map((file): CheckResult => {
        const read = readYamlOrJson(file);
        if (!read.ok) return { file, error: { message: read.message, issues: [] } };
        const parsed = parseDisclosure(read.value);
        if (!parsed.ok) {
          return {
            file,
            error: {
              message: `${file === '-' ? 'standard input' : file} is not a valid disclosure`,
              issues: parsed.issues,
            },
          };
        }
        return { file, verdict: evaluate(parsed.disclosure, pack, { sha256: nodeSha256Hex }) };
      });

      if (options.json) {
        const body = results.length === 1 && 'verdict' in results[0]! ? results[0].verdict : results;
        process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      } else {
        const style = styleFor(process.stdout);
        process.stdout.write(
          results
            .filter((r) => 'verdict' in r)
            .map((r) => formatVerdict(r.verdict, pack, style, r.file))
            .join('\n'),
        );
      }
      for (const result of results) if ('error' in result) process.stderr.write(formatError(result.error));
      process.exitCode = exitCodeFor(results);
    });
}

function formatError(error: { message: string; issues: readonly DisclosureIssue[] }): string {
  if (error.issues.length === 0) return `clearframe: ${error.message}\n`;
  const lines = error.issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
  return `clearframe: ${error.message} (${error.issues.length} problem${error.issues.length > 1 ? 's' : ''}):\n${lines.join('\n')}\n`;
}

/** Invalid input wins over any verdict: a pipeline must not pass on a file it could not read. */
function exitCodeFor(results: readonly CheckResult[]): number {
  if (results.some((r) => 'error' in r)) return EXIT.INVALID_INPUT;
  return Math.max(...results.map((r) => ('verdict' in r ? CHECK_EXIT[r.verdict.outcome] : 0)));
}
