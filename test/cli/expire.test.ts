import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../src/services/consents/record-consent.js';
import { registerPerformer } from '../../src/services/consents/register-performer.js';
import { openStore, type Store } from '../../src/store/database.js';
import { consents } from '../../src/store/schema.js';
import { runCli } from '../helpers/run-cli.js';
import { openTestStore } from '../helpers/test-store.js';
import { makeWorld } from '../helpers/world.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A database the CLI can open after we close it: a PGlite folder, or a fresh PostgreSQL database. */
async function database(): Promise<{ store: Store; args: string[]; reopen: () => Promise<Store> }> {
  if (process.env['DATABASE_URL']) {
    const db = await openTestStore();
    cleanups.push(() => db.dispose());
    const url = db.databaseUrl as string;
    return { store: db.store, args: ['--database-url', url], reopen: () => openStore({ databaseUrl: url }) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'clearframe-expire-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const store = await openStore({ dataDir: dir });
  return { store, args: ['--data', dir], reopen: () => openStore({ dataDir: dir }) };
}

describe('clearframe expire', () => {
  it('marks a consent past its end and prints the counts', async () => {
    const db = await database();
    const world = await makeWorld(db.store);
    const performer = await registerPerformer({ ctx: world.ctx('legal'), input: { displayName: 'Lead' } });
    const consent = await recordConsent({
      ctx: world.ctx('legal'),
      input: {
        performerId: performer.id,
        productionId: world.productionId,
        use: 'alteration',
        description: 'De-ageing in the flashback of episode 3.',
        unionCovered: true,
        validFrom: '2020-01-01',
        validTo: '2020-12-31',
      },
    });
    if (!process.env['DATABASE_URL']) await db.store.close();

    const run = await runCli(['expire', ...db.args, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ consentsExpired: 1, approvalsExpired: 0, reopened: 0 });

    const store = process.env['DATABASE_URL'] ? db.store : await db.reopen();
    try {
      const [row] = await store.transaction((tx) =>
        tx.select().from(consents).where(eq(consents.id, consent.id)),
      );
      expect(row?.status).toBe('expired');
    } finally {
      if (!process.env['DATABASE_URL']) await store.close();
    }
  });

  it('refuses a missing data folder instead of creating an empty database', async () => {
    const run = await runCli(['expire', '--data', join(tmpdir(), 'clearframe-no-such-folder')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/no embedded database/);
  });
});
