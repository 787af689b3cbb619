import type { Command } from 'commander';
import { listPacks } from '../../packs/load-packs.js';
import { PackLoadError } from '../../policy/pack.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { styleFor } from '../style.js';

export function registerPacks(program: Command): void {
  program
    .command('packs')
    .description('List the policy packs shipped with Clearframe')
    .option('--json', 'print the list as JSON')
    .action((options: { json?: boolean }) => {
      let packs: ReturnType<typeof listPacks>;
      try {
        packs = listPacks();
      } catch (error) {
        if (error instanceof PackLoadError) throw new CliError(error.message, EXIT.INVALID_INPUT);
        throw error;
      }
      const rows = packs.map((p) => ({
        id: p.id,
        version: p.version,
        title: p.title,
        rules: p.rules.length,
        source: p.source,
      }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const style = styleFor(process.stdout);
      for (const row of rows) {
        process.stdout.write(`${style.bold(`${row.id}@${row.version}`)}  ${row.title}\n`);
        process.stdout.write(
          `    ${row.rules} rules; source: ${row.source.publisher}, ${row.source.title} (${row.source.published})\n`,
        );
      }
    });
}
