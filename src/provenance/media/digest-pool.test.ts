import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFile } from './digest-file.js';
import { createDigestPool } from './digest-pool.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearframe-digest-pool-'));
  for (let i = 0; i < 6; i++) await writeFile(join(dir, `${i}.bin`), Buffer.alloc(3 * 1024 * 1024 + i, i));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createDigestPool', () => {
  it('gives the same digests as hashing in this thread, for files hashed at once', async () => {
    const pool = createDigestPool(2);
    try {
      const paths = Array.from({ length: 6 }, (_, i) => join(dir, `${i}.bin`));
      const pooled = await Promise.all(paths.map((path) => pool.digest(path)));
      expect(pooled).toEqual(await Promise.all(paths.map((path) => digestFile(path))));
    } finally {
      await pool.close();
    }
  });

  it('rejects a missing file with its error code, so the scan reports it per item', async () => {
    const pool = createDigestPool(1);
    try {
      await expect(pool.digest(join(dir, 'missing.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await pool.close();
    }
  });
});
