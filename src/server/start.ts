import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { ALL_JOBS, SCHEDULES } from '../jobs/all-jobs.js';
import { createMailerFromEnv } from '../jobs/mail/mailer.js';
import { createJobRegistry } from '../jobs/registry.js';
import { startJobWorker } from '../jobs/worker.js';
import { isDatabaseEmpty, seedDemo } from '../services/seed/seed-demo.js';
import { openStore, type Store } from '../store/database.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';

export type ServerOptions = {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
  /** Seed demo data into an empty database (never when NODE_ENV=production). Default true. */
  readonly seed?: boolean | undefined;
  readonly logger?: Logger | undefined;
};

export type RunningServer = {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly seeded: boolean;
  /** Stops accepting connections, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
};

/** Opens the database (migrating it), seeds demo data when empty, and listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir ?? '.clearframe',
  });
  let seeded = false;
  try {
    const maySeed = (options.seed ?? true) && process.env['NODE_ENV'] !== 'production';
    if (maySeed && (await isDatabaseEmpty(store))) {
      await seedDemo(store);
      seeded = true;
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const app = createApp({ store, logger });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolveServer(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url, database: store.kind, location: store.location }, 'listening');
  const mailer = createMailerFromEnv(process.env, logger);
  const jobWorker = startJobWorker({
    store,
    logger: logger.child({ component: 'jobs' }),
    handlers: createJobRegistry(ALL_JOBS),
    pollMs: Number(process.env['JOB_POLL_MS'] ?? 1_000),
    schedules: SCHEDULES,
    services: {
      mailer,
      publicUrl: process.env['CLEARFRAME_PUBLIC_URL'] ?? url,
    },
  });
  // A safety net: if a seal after commit failed, the next sweep chains what is pending.
  const sweeper = setInterval(() => {
    store.sealLedger().catch((err: unknown) => logger.error({ err }, 'ledger sweep failed'));
  }, 5_000);
  sweeper.unref();
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    seeded,
    close: () => {
      closing ??= (async () => {
        clearInterval(sweeper);
        await new Promise<void>((done) => {
          server.close(() => done());
          // Idle keep-alive connections would hold close() open; requests in flight still finish.
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        // Jobs in flight finish before the database closes under them.
        await jobWorker.stop();
        mailer?.close();
        await store.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}
