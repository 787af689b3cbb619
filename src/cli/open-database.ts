import { existsSync } from 'node:fs';
import { openStore, type Store } from '../store/database.js';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/** The `--data DIR | --database-url URL` options of commands that read the database directly. */
export type DatabaseOptions = {
  readonly data?: string | undefined;
  readonly databaseUrl?: string | undefined;
};

/**
 * Opens the database a command names: `--database-url`, else `--data`, else DATABASE_URL,
 * else CLEARFRAME_DATA or ./.clearframe. A missing embedded folder is refused: opening it
 * would create an empty database and report on nothing.
 */
export async function openCommandStore(options: DatabaseOptions): Promise<Store> {
  const databaseUrl = options.databaseUrl ?? (options.data ? undefined : process.env['DATABASE_URL']);
  const dataDir = options.data ?? process.env['CLEARFRAME_DATA'] ?? '.clearframe';
  if (!databaseUrl && !existsSync(dataDir)) {
    throw new CliError(
      `no embedded database at ${dataDir}; pass --data DIR or --database-url URL`,
      EXIT.INVALID_INPUT,
    );
  }
  return openStore({ databaseUrl, dataDir });
}
