import type { Command } from 'commander';
import { expireRegistryAndApprovals } from '../../services/registry/expire.js';
import { EXIT } from '../exit-codes.js';
import { openCommandStore } from '../open-database.js';

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
      const store = await openCommandStore(options);
      try {
        const result = await expireRegistryAndApprovals({ store, now: new Date() });
        process.stdout.write(
          options.json
            ? `${JSON.stringify(result)}\n`
            : `Expired ${result.consentsExpired} consent(s) and ${result.approvalsExpired} approval(s); re-opened ${result.reopened} disclosure(s) that relied on an expired consent.\n`,
        );
        process.exitCode = EXIT.OK;
      } finally {
        await store.close();
      }
    });
}
