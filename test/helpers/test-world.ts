import { afterAll, beforeAll } from 'vitest';
import { openTestStore, type TestStore } from './test-store.js';
import { makeWorld, type World } from './world.js';

/**
 * The usual start of a service test file: its own database (test-store.ts) with one fresh
 * world in it (world.ts), opened before the file's tests and disposed after them. Read the
 * fields inside tests, not at import time.
 */
export function testWorld(): { readonly db: TestStore; readonly world: World } {
  const given = {} as { db: TestStore; world: World };
  beforeAll(async () => {
    given.db = await openTestStore();
    given.world = await makeWorld(given.db.store);
  });
  afterAll(async () => {
    await given.db?.dispose();
  });
  return given;
}
