import type { Command } from 'commander';
import { stringify } from 'yaml';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { loadPackOption } from '../load-pack-option.js';
import { styleFor } from '../style.js';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('Print one rule of a policy pack with its citation, outcome, condition and what resolves it')
    .argument('<rule>', 'rule id, e.g. TP-2 (case-insensitive)')
    .option('--pack <id|path>', 'policy pack id or file (default: the default pack)')
    .option('--json', 'print the rule as JSON')
    .action((ruleId: string, options: { pack?: string; json?: boolean }) => {
      const pack = loadPackOption(options.pack);
      const rule = pack.rules.find((r) => r.id.toLowerCase() === ruleId.toLowerCase());
      if (!rule) {
        throw new CliError(
          `no rule "${ruleId}" in ${pack.id}@${pack.version}; its rules are ${pack.rules.map((r) => r.id).join(', ')}`,
          EXIT.INVALID_INPUT,
        );
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ pack: `${pack.id}@${pack.version}`, ...rule }, null, 2)}\n`);
        return;
      }
      const style = styleFor(process.stdout);
      const category = pack.categories.find((c) => c.id === rule.category)?.title ?? rule.category;
      const lines = [
        `${style.bold(`${rule.id}  ${rule.title}`)}  ${style.dim(`${pack.id}@${pack.version}`)}`,
        `Category:  ${category}`,
        `Guidance:  ${rule.cite}`,
        `Outcome:   ${style.outcome(rule.outcome, rule.outcome)}${rule.forEach ? ` (once per entry of ${rule.forEach})` : ''}`,
        `Reason:    ${rule.reason}`,
        `Resolve:   ${rule.resolve}`,
        ...(rule.requires.length > 0 ? [`Requires:  ${rule.requires.join(', ')}`] : []),
        '',
        'When:',
        indent(stringify(rule.when).trimEnd()),
      ];
      for (const [i, c] of rule.cases.entries()) {
        lines.push(
          '',
          `Case ${i + 1}: ${style.outcome(c.outcome, c.outcome)} when`,
          indent(stringify(c.when).trimEnd()),
        );
        if (c.reason) lines.push(`  Reason:  ${c.reason}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
