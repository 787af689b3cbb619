import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireSharedFixtures, sharedPath } from '../testing/shared-fixtures.js';
import { createC2paReader } from './c2pa-pool.js';
import { readC2pa, readerSettings } from './c2pa-reader.js';
import { loadTrust } from './trust.js';

/** Every real signed asset in ../shared reads the same on the reader's worker thread as on this one. */
describe('createC2paReader on the shared C2PA media', () => {
  it('gives the same summary, validation and failure codes as reading on this thread', async () => {
    requireSharedFixtures();
    const trust = await loadTrust(
      ['C2PA-TRUST-LIST.pem', 'interim-anchors.pem'].map((name) => sharedPath('trust', name)),
    );
    if (!trust.ok) throw new Error(trust.message);
    const settings = readerSettings(trust.trust);
    const reader = createC2paReader(settings);
    try {
      const names = readdirSync(sharedPath('c2pa'));
      expect(names.length).toBeGreaterThan(10);
      for (const name of names) {
        const path = sharedPath('c2pa', name);
        const here = await readC2pa(readFileSync(path), 'application/octet-stream', settings);
        const there = await reader.read({
          path,
          mime: 'application/octet-stream',
          bytes: readFileSync(path),
        });
        expect(there, name).toEqual(here);
      }
      expect(reader.threadsStarted).toBe(1);
    } finally {
      await reader.close();
    }
  });
});
