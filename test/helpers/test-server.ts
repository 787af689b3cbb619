import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { openTestStore } from './test-store.js';

/**
 * A real server on port 0 for end-to-end tests, with demo data seeded: on PGlite in a
 * temporary data folder (so the CLI can open it after the server stops), or on a fresh
 * PostgreSQL database when DATABASE_URL is set.
 */
export type TestServer = {
  server: RunningServer;
  /** `--data DIR` or `--database-url URL`: where the CLI finds this database. */
  cliDatabaseArgs: string[];
  stop(): Promise<void>;
  dispose(): Promise<void>;
};

export async function startTestServer(): Promise<TestServer> {
  if (process.env['DATABASE_URL']) {
    // A fresh database: create it through the helper, then let the server open its own pool.
    const fresh = await openTestStore();
    await fresh.store.close();
    const url = fresh.databaseUrl!;
    const server = await startServer({ port: 0, databaseUrl: url, logger: pino({ level: 'silent' }) });
    return {
      server,
      cliDatabaseArgs: ['--database-url', url],
      stop: () => server.close(),
      dispose: async () => {
        await server.close();
        await fresh.dispose();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'clearframe-e2e-'));
  const server = await startServer({ port: 0, dataDir: dir, logger: pino({ level: 'silent' }) });
  return {
    server,
    cliDatabaseArgs: ['--data', dir],
    stop: () => server.close(),
    dispose: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
