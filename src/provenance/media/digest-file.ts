import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The JUMBF description box UUID of a C2PA manifest store ("c2pa" + 0011-0010-8000-00AA00389B71).
 * Every embedded manifest store contains it whatever the container (JPEG APP11, PNG caBX, BMFF
 * uuid box, RIFF chunk, PDF embedded file), so finding it while hashing tells us, at no extra read,
 * whether a large file is worth handing to the C2PA reader.
 */
export const C2PA_STORE_UUID = Buffer.from('6332706100110010800000aa00389b71', 'hex');

export type FileDigest = { readonly sha256: string; readonly bytes: number; readonly hasC2paMarker: boolean };

/** Scans one chunk, carrying the previous chunk's tail so a marker split across chunks is still found. */
export function createMarkerScanner(marker: Buffer): { push(chunk: Buffer): void; readonly found: boolean } {
  let tail = Buffer.alloc(0);
  let found = false;
  return {
    push(chunk: Buffer) {
      if (found) return;
      if (tail.length > 0 && Buffer.concat([tail, chunk.subarray(0, marker.length - 1)]).includes(marker))
        found = true;
      else if (chunk.includes(marker)) found = true;
      // Keep the last marker-length-1 bytes seen, across chunks smaller than that too.
      const keep = marker.length - 1;
      const recent =
        chunk.length >= keep ? chunk.subarray(chunk.length - keep) : Buffer.concat([tail, chunk]);
      tail = Buffer.from(recent.subarray(Math.max(0, recent.length - keep)));
    },
    get found() {
      return found;
    },
  };
}

/** SHA-256 of a file of any size in bounded memory (one 1 MiB read buffer), noting any C2PA marker. */
export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  const marker = createMarkerScanner(C2PA_STORE_UUID);
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    marker.push(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest('hex'), bytes, hasC2paMarker: marker.found };
}

/** The same facts for bytes already in memory (small files are read once and shared by every reader). */
export function digestBytes(bytes: Uint8Array): FileDigest {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    sha256: createHash('sha256').update(buffer).digest('hex'),
    bytes: buffer.length,
    hasC2paMarker: buffer.includes(C2PA_STORE_UUID),
  };
}
