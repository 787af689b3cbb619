import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/seed/seed-demo.js';
import { moodboard } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnServer, waitForExit } from '../helpers/spawn-server.js';
import { openTestStore } from '../helpers/test-store.js';

/**
 * Crash safety: SIGKILL the server in the middle of a stream of submissions, restart it on
 * the same data, and check that every submission answered 2xx is there and the ledger
 * verifies. Runs on PGlite (a data folder) or PostgreSQL (DATABASE_URL).
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function databaseArgs(): Promise<string[]> {
  if (process.env['DATABASE_URL']) {
    const fresh = await openTestStore();
    await fresh.store.close();
    cleanups.push(() => fresh.dispose());
    return ['--database-url', fresh.databaseUrl!];
  }
  const dir = mkdtempSync(join(tmpdir(), 'clearframe-crash-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return ['--data', dir];
}

describe('crash safety', () => {
  it('keeps every acknowledged submission and an intact ledger across a SIGKILL', async () => {
    const args = await databaseArgs();
    const first = await spawnServer(args);
    cleanups.push(async () => void first.child.kill('SIGKILL'));
    const client = TestClient.over((path, init) => fetch(`${first.url}${path}`, init));
    expect((await client.signIn('partner@demo.test', DEMO_PASSWORD)).status).toBe(200);
    const productionId: string = (await client.get('/api/productions')).body.items[0].id;

    const acknowledged: string[] = [];
    let failures = 0;
    let killed = false;
    const worker = async (n: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await client.post(`/api/productions/${productionId}/disclosures`, {
            disclosure: moodboard({ description: `crash stream ${n}-${i}` }),
          });
          if (res.status === 201) acknowledged.push(res.body.id);
          else failures++;
        } catch {
          failures++; // connection cut by the kill: no answer, so no promise was made
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    killed = true;
    await waitForExit(first.child);
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    // Four clients always have a request in flight: the kill cut at least one of them off.
    expect(failures).toBeGreaterThan(0);

    const second = await spawnServer(args);
    const again = TestClient.over((path, init) => fetch(`${second.url}${path}`, init));
    expect((await again.signIn('partner@demo.test', DEMO_PASSWORD)).status).toBe(200);
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 200) {
      const page = await again.get(`/api/disclosures?limit=200&offset=${offset}`);
      for (const d of page.body.items) seen.add(d.id);
      if (page.body.items.length < 200) break;
    }
    const missing = acknowledged.filter((id) => !seen.has(id));
    expect(missing).toEqual([]);
    second.child.kill('SIGTERM');
    expect(await waitForExit(second.child)).toBe(0);

    const verify = await runCli(['audit', 'verify', ...args, '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout).ok).toBe(true);
  }, 300_000);
});
