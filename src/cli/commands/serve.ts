import type { Command } from 'commander';
import { startServer } from '../../server/start.js';
import { DEMO_PASSWORD, DEMO_USERS, isDemoSeeded } from '../../services/seed/seed-demo.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';

type ServeOptions = { port?: string; host?: string; data?: string; databaseUrl?: string; seed?: boolean };

/**
 * `clearframe serve`: migrate, seed demo data into an empty database (not in production),
 * serve until SIGINT/SIGTERM, then finish requests in flight and close the database.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the API server (embedded database by default, PostgreSQL with --database-url)')
    .option('--port <n>', 'port to listen on (default: PORT or 3000; 0 picks a free one)')
    .option('--host <host>', 'interface to listen on (default: HOST or 127.0.0.1)')
    .option('--data <dir>', 'embedded database folder (default: CLEARFRAME_DATA or ./.clearframe)')
    .option('--database-url <url>', 'PostgreSQL connection string (default: DATABASE_URL)')
    .option('--no-seed', 'do not seed demo data into an empty database')
    .action(async (options: ServeOptions) => {
      const portText = options.port ?? process.env['PORT'] ?? '3000';
      const port = Number(portText);
      if (!/^\d{1,5}$/.test(portText) || port > 65535) {
        throw new CliError(`--port must be a number from 0 to 65535; got ${portText}`, EXIT.INVALID_INPUT);
      }
      const server = await startServer({
        port,
        host: options.host ?? process.env['HOST'],
        dataDir: options.data ?? process.env['CLEARFRAME_DATA'],
        databaseUrl: options.databaseUrl ?? process.env['DATABASE_URL'],
        seed: options.seed,
      });
      const lines = [`Clearframe is serving at ${server.url} (API docs: ${server.url}/api/docs)`];
      lines.push(
        `Database: ${server.store.kind} (${server.store.location})${server.seeded ? ', demo data seeded' : ''}`,
      );
      if (process.env['NODE_ENV'] !== 'production' && (await isDemoSeeded(server.store))) {
        lines.push(`Demo logins (password: ${DEMO_PASSWORD}):`);
        for (const user of DEMO_USERS) lines.push(`  ${user.email.padEnd(26)} ${user.role}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.stdout.write(`\n${signal}: finishing requests and closing the database…\n`);
          server.close().then(resolve, (error: unknown) => {
            process.stderr.write(`clearframe: shutdown failed: ${String(error)}\n`);
            process.exitCode = EXIT.FAILURE;
            resolve();
          });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}
