import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/database.js';

/**
 * One database per test file: an in-memory PGlite by default, or, when DATABASE_URL is set,
 * a fresh PostgreSQL database with a random name (test files run in parallel), dropped at
 * the end. Both get the real migrations.
 */
export type TestStore = { store: Store; databaseUrl: string | undefined; dispose(): Promise<void> };

export async function openTestStore(): Promise<TestStore> {
  const base = process.env['DATABASE_URL'];
  if (!base) {
    const store = await openStore({ dataDir: 'memory://' });
    return { store, databaseUrl: undefined, dispose: () => store.close() };
  }
  const name = `clearframe_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    store,
    databaseUrl: url.toString(),
    dispose: async () => {
      await store.close();
      await adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(databaseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
