import type { Command } from 'commander';
import { verifyLedger } from '../../services/audit/verify-ledger.js';
import { EXIT } from '../exit-codes.js';
import { openCommandStore } from '../open-database.js';

type VerifyOptions = { data?: string; databaseUrl?: string; json?: boolean };

/**
 * `clearframe audit verify`: walks every organisation's hash chain straight from the
 * database (not through a server, so a compromised server cannot vouch for itself).
 * Exit 0 when every chain is intact, 1 naming the first broken event and its organisation.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Audit ledger tools');
  audit
    .command('verify')
    .description('Verify the audit hash chains; exit 0 intact, 1 broken')
    .option('--data <dir>', 'embedded database folder (default: CLEARFRAME_DATA or ./.clearframe)')
    .option('--database-url <url>', 'PostgreSQL connection string (default: DATABASE_URL)')
    .option('--json', 'print the report as JSON')
    .action(async (options: VerifyOptions) => {
      const store = await openCommandStore(options);
      try {
        const report = await verifyLedger(store);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else if (report.firstBroken) {
          const b = report.firstBroken;
          process.stdout.write(
            `BROKEN: organisation ${b.orgId}, event ${b.eventId} (seq ${b.seq}): ${b.reason}\n` +
              `${report.organisations.length} organisation chain(s) checked.\n`,
          );
        } else {
          const events = report.organisations.reduce((n, o) => n + o.events, 0);
          const pending = report.organisations.reduce((n, o) => n + o.pending, 0);
          const unsealed =
            pending > 0 ? `; ${pending} event(s) not yet sealed (the next server start seals them)` : '';
          process.stdout.write(
            `Intact: ${report.organisations.length} organisation chain(s), ${events} event(s)${unsealed}.\n`,
          );
        }
        process.exitCode = report.ok ? EXIT.OK : EXIT.FAILURE;
      } finally {
        await store.close();
      }
    });
}
