import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { trackAppends } from './ledger.js';
import { createLedgerSealer } from './ledger-sealer.js';
import { createMutex } from './mutex.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A database handle or an open transaction: repositories take either. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;

export type StoreKind = 'pglite' | 'postgres';

/**
 * The one way services reach the database. Every use goes through `transaction` (reads
 * included), which on PGlite (one connection) is serialised by a mutex, and on PostgreSQL
 * takes a pooled connection.
 */
export type Store = {
  readonly kind: StoreKind;
  /** Human-readable location for logs: the data folder or the database URL without password. */
  readonly location: string;
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /** A single read that needs no transaction (one statement): no BEGIN/COMMIT round trips on PostgreSQL. */
  read<T>(fn: (db: Executor) => Promise<T>): Promise<T>;
  /**
   * Seals every pending audit event into its chain and waits for it. Sealing also runs by
   * itself after each committing transaction; call this before reading the chain or closing.
   */
  sealLedger(): Promise<void>;
  /** Runs one raw SQL script (several statements). For tests and administration only. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
};

export type StoreOptions = {
  /** PostgreSQL connection string; when set, PGlite is not used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` (the default when neither is given) keeps it in memory. */
  readonly dataDir?: string | undefined;
  /** Pool size on PostgreSQL. */
  readonly poolSize?: number | undefined;
  /** Told when sealing the ledger after a commit fails (it is retried by the next seal). */
  readonly onLedgerError?: ((error: unknown) => void) | undefined;
};

/** The migration folder ships beside src/ and dist/: both are two levels below the repo root. */
export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');

/** Opens the database and applies every pending migration before returning. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.poolSize ?? 20)
    : await openPglite(options.dataDir ?? 'memory://');
  return withLedgerSealing(store, options.onLedgerError ?? (() => undefined));
}

/** What each engine provides; `withLedgerSealing` turns it into a Store. */
type RawStore = Omit<Store, 'sealLedger'>;

/**
 * Wraps the engine's transactions so that, once one commits, the audit events it appended
 * are sealed into their organisation's chain (after the commit, outside its locks).
 */
function withLedgerSealing(raw: RawStore, onError: (error: unknown) => void): Store {
  const sealer = createLedgerSealer(raw.transaction);
  return {
    kind: raw.kind,
    location: raw.location,
    exec: raw.exec,
    read: raw.read,
    transaction: async (fn) => {
      let orgIds: Set<string> | undefined;
      const result = await raw.transaction((tx) => {
        orgIds = trackAppends(tx);
        return fn(tx);
      });
      for (const orgId of orgIds ?? []) sealer.schedule(orgId).catch(onError);
      return result;
    },
    sealLedger: async () => {
      await sealer.drain();
      await sealer.sealAll();
    },
    close: async () => {
      await sealer.drain();
      await sealer.sealAll().catch(onError);
      await raw.close();
    },
  };
}

async function openPglite(dataDir: string): Promise<RawStore> {
  const isMemory = dataDir.startsWith('memory://');
  if (!isMemory) mkdirSync(dataDir, { recursive: true });
  const client = isMemory ? new PGlite() : new PGlite(resolve(dataDir));
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const lock = createMutex();
  let closed = false;
  return {
    kind: 'pglite',
    location: isMemory ? 'memory' : resolve(dataDir),
    transaction: (fn) => lock(() => db.transaction((tx) => fn(tx as unknown as Executor))),
    read: (fn) => lock(() => fn(db as unknown as Executor)),
    exec: (sqlText) => lock(async () => void (await client.exec(sqlText))),
    close: async () => {
      if (closed) return;
      closed = true;
      // Wait for the transaction in flight so that close never cuts a commit in half.
      await lock(() => client.close());
    },
  };
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<RawStore> {
  await migratePostgres(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema });
  let closed = false;
  return {
    kind: 'postgres',
    location: redactUrl(databaseUrl),
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Executor)),
    read: (fn) => fn(db as unknown as Executor),
    exec: async (sqlText) => void (await pool.query(sqlText)),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Several servers may start at once on one PostgreSQL: an advisory lock lets one migrate at a time. */
async function migratePostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(724100301)');
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query('SELECT pg_advisory_unlock(724100301)').catch(() => undefined);
    await client.end();
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
