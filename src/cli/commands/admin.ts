import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { isAppError } from '../../domain/errors.js';
import { createFirstAdmin } from '../../services/admin/first-admin.js';
import { EXIT } from '../exit-codes.js';
import { openCommandStore } from '../open-database.js';

type CreateFirstOptions = {
  email: string;
  name?: string;
  studio?: string;
  data?: string;
  databaseUrl?: string;
};

/** Reads a password without echoing it; only when stdin is a terminal. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const mutable = rl as unknown as { _writeToOutput: (s: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    mutable._writeToOutput = () => undefined;
  });
}

/**
 * `clearframe admin create-first --email ...`: the first studio administrator of an empty
 * database (demo seeding off). The password comes from CLEARFRAME_ADMIN_PASSWORD or, on a
 * terminal, a hidden prompt; never from a flag, which would land in shell history.
 */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('Administration on the database itself');
  admin
    .command('create-first')
    .description('Create the first studio administrator when the database has no users')
    .requiredOption('--email <email>', "the administrator's email")
    .option('--name <name>', 'their name', 'Administrator')
    .option('--studio <name>', "the studio organisation's name", 'Studio')
    .option('--data <dir>', 'embedded database folder (default: CLEARFRAME_DATA or ./.clearframe)')
    .option('--database-url <url>', 'PostgreSQL connection string (default: DATABASE_URL)')
    .action(async (options: CreateFirstOptions) => {
      let password = process.env['CLEARFRAME_ADMIN_PASSWORD'];
      if (password === undefined && process.stdin.isTTY) password = await promptHidden('Password: ');
      if (password === undefined) {
        process.stderr.write(
          'Set CLEARFRAME_ADMIN_PASSWORD or run this on a terminal to be asked for the password.\n',
        );
        process.exitCode = EXIT.INVALID_INPUT;
        return;
      }
      const store = await openCommandStore(options);
      try {
        const created = await createFirstAdmin(store, {
          email: options.email,
          name: options.name ?? 'Administrator',
          studioName: options.studio ?? 'Studio',
          password,
        });
        process.stdout.write(
          `Created studio administrator ${options.email} (user ${created.userId}); sign in and invite the others.\n`,
        );
        process.exitCode = EXIT.OK;
      } catch (error) {
        if (!isAppError(error)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = error.code === 'INVALID_INPUT' ? EXIT.INVALID_INPUT : EXIT.FAILURE;
      } finally {
        await store.close();
      }
    });
}
