import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { expireRegistryAndApprovals } from '../../services/registry/expire.js';
import { openStore } from '../../store/database.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';

type ExpireOptions = { data?: string; databaseUrl?: string; json?: boolean };

/**
 * `clearframe expire`: marks consents and approvals past their end and records each in the
 * ledger, straight on the database (what the daily job does; for cron without a server).
 */
export function registerExpire(program: Command): void {
  program
    .command('expire')
    .description('Mark consents and approvals past their end (the daily job, run once now)')
    .option('--data <dir>', 'embedded database folder (default: CLEARFRAME_DATA or ./.clearframe)')
    .option('--database-url <url>', 'PostgreSQL connection string (default: DATABASE_URL)')
    .option('--json', 'print the counts as JSON')
    .action(async (options: ExpireOptions) => {
      const databaseUrl = options.databaseUrl ?? (options.data ? undefined : process.env['DATABASE_URL']);
      const dataDir = options.data ?? process.env['CLEARFRAME_DATA'] ?? '.clearframe';
      if (!databaseUrl && !existsSync(dataDir)) {
        throw new CliError(
          `no embedded database at ${dataDir}; pass --data DIR or --database-url URL`,
          EXIT.INVALID_INPUT,
        );
      }
      const store = await openStore({ databaseUrl, dataDir });
      try {
        const result = await expireRegistryAndApprovals({ store, now: new Date() });
        process.stdout.write(
          options.json
            ? `${JSON.stringify(result)}\n`
            : `Expired ${result.consentsExpired} consent(s) and ${result.approvalsExpired} approval(s).\n`,
        );
        process.exitCode = EXIT.OK;
      } finally {
        await store.close();
      }
    });
}
