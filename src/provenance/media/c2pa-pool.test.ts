import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithCutC2paStore } from '../testing/jpeg.js';
import { createC2paReader } from './c2pa-pool.js';
import { readC2pa, readerSettings } from './c2pa-reader.js';

/**
 * The C2PA reader on its worker thread, on generated JPEGs (no manifest; a manifest store cut
 * short): the same answers as reading on this thread, bytes moved rather than copied, and a
 * thread retired after a read that leaves its WASM memory over the bound. The real signed media
 * are read the same way in c2pa-pool.shared.test.ts.
 */
const settings = readerSettings(null);
const plainJpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xd9]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearframe-c2pa-pool-'));
  await writeFile(join(dir, 'plain.jpg'), plainJpeg);
  await writeFile(join(dir, 'cut.jpg'), jpegWithCutC2paStore());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createC2paReader', () => {
  it('answers as the reader does on this thread, from moved bytes or from the path', async () => {
    const reader = createC2paReader(settings);
    try {
      for (const [name, bytes] of [
        ['plain.jpg', plainJpeg],
        ['cut.jpg', jpegWithCutC2paStore()],
      ] as const) {
        const here = await readC2pa(bytes, 'image/jpeg', settings);
        const path = join(dir, name);
        expect(await reader.read({ path, mime: 'image/jpeg', bytes: Buffer.from(bytes) })).toEqual(here);
        expect(await reader.read({ path, mime: 'image/jpeg', bytes: null })).toEqual(here);
      }
      expect(
        (await reader.read({ path: join(dir, 'cut.jpg'), mime: 'image/jpeg', bytes: null })).status,
      ).toBe('error');
      expect(reader.threadsStarted).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('moves a buffer it owns whole to the thread, and copies a view into a larger one', async () => {
    const reader = createC2paReader(settings);
    try {
      const owned = new Uint8Array(plainJpeg);
      await reader.read({ path: join(dir, 'plain.jpg'), mime: 'image/jpeg', bytes: owned });
      expect(owned.byteLength).toBe(0); // moved: this thread no longer holds the file
      const larger = Buffer.concat([Buffer.from('prefix'), plainJpeg]);
      const view = larger.subarray(6);
      expect(
        (await reader.read({ path: join(dir, 'plain.jpg'), mime: 'image/jpeg', bytes: view })).status,
      ).toBe('none');
      expect(larger.subarray(6)).toEqual(plainJpeg);
    } finally {
      await reader.close();
    }
  });

  it('retires its thread after a read over the memory bound and reads on with a fresh one', async () => {
    const reader = createC2paReader(settings, { retireAboveBytes: 0 });
    try {
      const path = join(dir, 'cut.jpg');
      const first = await reader.read({ path, mime: 'image/jpeg', bytes: null });
      const second = await reader.read({ path, mime: 'image/jpeg', bytes: null });
      expect(second).toEqual(first);
      expect(reader.threadsStarted).toBe(2);
    } finally {
      await reader.close();
    }
  });

  it('reports a file that vanished as a reader error, not a crash', async () => {
    const reader = createC2paReader(settings);
    try {
      const result = await reader.read({ path: join(dir, 'gone.jpg'), mime: 'image/jpeg', bytes: null });
      expect(result).toMatchObject({ status: 'error', message: expect.stringMatching(/ENOENT/) });
    } finally {
      await reader.close();
    }
  });
});
