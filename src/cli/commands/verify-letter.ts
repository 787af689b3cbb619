import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readLetterFields, verifyLetter } from '../../services/reports/approval-letter.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { openCommandStore } from '../open-database.js';

type Options = { data?: string; databaseUrl?: string; json?: boolean };

/**
 * `clearframe verify-letter FILE`: reads the approval id and verification code a written-
 * approval letter carries and checks them against the ledger, straight from the database
 * like `audit verify`. Exit 0 genuine, 1 not matching (altered, forged, broken ledger),
 * 2 unreadable input.
 */
export function registerVerifyLetter(program: Command): void {
  program
    .command('verify-letter')
    .argument('<file>', 'the approval letter PDF')
    .description('Check a written-approval letter against the audit ledger; exit 0 genuine, 1 not')
    .option('--data <dir>', 'embedded database folder (default: CLEARFRAME_DATA or ./.clearframe)')
    .option('--database-url <url>', 'PostgreSQL connection string (default: DATABASE_URL)')
    .option('--json', 'print the verdict as JSON')
    .action(async (file: string, options: Options) => {
      if (!existsSync(file)) throw new CliError(`no file at ${file}`, EXIT.INVALID_INPUT);
      const fields = readLetterFields(readFileSync(file));
      if (fields === undefined) {
        throw new CliError(
          `${file} carries no Clearframe approval id and verification code; is it a letter from GET /api/approvals/{id}/letter?`,
          EXIT.INVALID_INPUT,
        );
      }
      const store = await openCommandStore(options);
      try {
        const verdict = await verifyLetter(store, fields);
        process.stdout.write(
          options.json
            ? `${JSON.stringify(verdict, null, 2)}\n`
            : `${verdict.ok ? 'GENUINE' : 'NOT VERIFIED'}: approval ${verdict.approvalId}, code ${verdict.code}: ${verdict.reason}\n`,
        );
        process.exitCode = verdict.ok ? EXIT.OK : EXIT.FAILURE;
      } finally {
        await store.close();
      }
    });
}
