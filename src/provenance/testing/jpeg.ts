import { C2PA_STORE_UUID } from '../media/digest-file.js';

/** Small JPEGs for tests, written byte by byte. Test code only. */
export function jpegSegment(marker: number, payload: Buffer): Buffer {
  const length = payload.length + 2;
  return Buffer.concat([Buffer.from([0xff, marker, length >> 8, length & 0xff]), payload]);
}

/** A JPEG whose APP11 segment opens a C2PA manifest store and stops: truncated media with a store. */
export function jpegWithCutC2paStore(): Buffer {
  const store = Buffer.concat([
    Buffer.from('JP'),
    Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 200]),
    Buffer.from('jumb'),
    Buffer.from([0, 0, 0, 30]),
    Buffer.from('jumd'),
    C2PA_STORE_UUID,
    Buffer.from('c2pa\0'),
  ]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xeb, store),
    Buffer.from([0xff, 0xdb, 0, 0x43]),
  ]);
}
