import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C2PA_STORE_UUID, createMarkerScanner, digestBytes, digestFile } from './digest-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearframe-digest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('digestFile', () => {
  it('streams a file larger than one read buffer to the same SHA-256 as hashing it whole', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    C2PA_STORE_UUID.copy(bytes, 1024 * 1024 - 5);
    const path = join(dir, 'big.bin');
    await writeFile(path, bytes);
    const digest = await digestFile(path);
    expect(digest).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      hasC2paMarker: true,
    });
    expect(digestBytes(bytes)).toEqual(digest);
  });

  it('hashes in reads of any size to the hash of the whole, and finds a marker across two reads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        fc.option(fc.nat(300), { nil: undefined }),
        async (content, chunkBytes, markerAt) => {
          const bytes = Buffer.from(content);
          const whole =
            markerAt === undefined
              ? bytes
              : Buffer.concat([bytes.subarray(0, markerAt), C2PA_STORE_UUID, bytes.subarray(markerAt)]);
          const path = join(dir, 'chunked.bin');
          await writeFile(path, whole);
          const digest = await digestFile(path, chunkBytes);
          expect(digest).toEqual(digestBytes(whole));
          expect(digest.hasC2paMarker).toBe(markerAt !== undefined || whole.includes(C2PA_STORE_UUID));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds the C2PA marker wherever chunk boundaries fall', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (before, after, cuts) => {
          const whole = Buffer.concat([before, C2PA_STORE_UUID, after]);
          const scanner = createMarkerScanner(C2PA_STORE_UUID);
          let offset = 0;
          for (const cut of [...cuts, whole.length]) {
            scanner.push(whole.subarray(offset, Math.min(whole.length, offset + cut)));
            offset = Math.min(whole.length, offset + cut);
            if (offset >= whole.length) break;
          }
          expect(scanner.found).toBe(true);
        },
      ),
    );
  });

  it('does not report a marker that is not there', () => {
    const scanner = createMarkerScanner(C2PA_STORE_UUID);
    scanner.push(C2PA_STORE_UUID.subarray(0, 8));
    scanner.push(Buffer.from('x'));
    scanner.push(C2PA_STORE_UUID.subarray(8));
    expect(scanner.found).toBe(false);
    // Its searched prefix alone, again and again, with the rest of the marker never following.
    const prefixes = Buffer.concat(Array.from({ length: 50 }, () => C2PA_STORE_UUID.subarray(0, 15)));
    expect(digestBytes(prefixes).hasC2paMarker).toBe(false);
  });
});
