/**
 * Whether a file may carry an embedded C2PA manifest store, so that the WASM reader runs only
 * then. Where a format keeps the store as one run of JUMBF bytes (PNG caBX, BMFF uuid box, RIFF
 * C2PA chunk, MP3 GEOB frame, TIFF tag) its description box UUID shows as plain bytes, and the
 * marker seen while hashing answers. Where it may not, a file held in memory goes to the reader:
 *  - SVG keeps the store as base64 text, GIF splits it into 255-byte sub-blocks, and PDF keeps it
 *    in an embedded file stream that may be compressed;
 *  - JPEG splits it over APP11 segments, so a writer may cut the box header itself: any APP11
 *    segment is enough.
 * Files too large to hold are judged by the marker alone (see c2pa-reader.ts for that bound).
 */
const ALWAYS_READ = new Set(['image/svg+xml', 'image/gif', 'application/pdf']);

export function mayHoldC2pa(markerSeen: boolean, mime: string | null, bytes: Uint8Array | null): boolean {
  if (markerSeen) return true;
  if (bytes === null || mime === null) return false;
  if (ALWAYS_READ.has(mime)) return true;
  return mime === 'image/jpeg' && hasApp11Segment(bytes);
}

/** Walks the JPEG marker segments up to the image data (SOS) looking for APP11 (0xFFEB). */
export function hasApp11Segment(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return false; // not a marker where one must be: stop, nothing found
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return false; // image data or end: no more metadata
    if (marker === 0xeb) return true;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    at += 2 + (((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));
  }
  return false;
}
