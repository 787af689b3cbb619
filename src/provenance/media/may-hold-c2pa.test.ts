import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jpegSegment } from '../testing/jpeg.js';
import { hasApp11Segment, mayHoldC2pa } from './may-hold-c2pa.js';

const jpeg = (...segments: Buffer[]) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    ...segments,
    Buffer.from([0xff, 0xda, 0, 2, 1, 2, 3, 0xff, 0xd9]),
  ]);
const app0 = jpegSegment(0xe0, Buffer.from('JFIF\0\x01\x02'));
// An APP11 JUMBF segment cut so short that the store's UUID is not in it.
const app11 = jpegSegment(0xeb, Buffer.from('JP\0\x01\0\0\0\x01jumb', 'latin1'));

describe('mayHoldC2pa', () => {
  it('sends every file whose hashing saw the store marker to the reader', () => {
    expect(mayHoldC2pa(true, 'image/png', null)).toBe(true);
    expect(mayHoldC2pa(true, null, null)).toBe(true);
  });

  it('sends SVG, GIF and PDF held in memory even without the marker (their store may not show as plain bytes)', () => {
    for (const mime of ['image/svg+xml', 'image/gif', 'application/pdf'])
      expect(mayHoldC2pa(false, mime, Buffer.from('x'))).toBe(true);
  });

  it('sends a JPEG with an APP11 segment, and no other JPEG, PNG or video without the marker', () => {
    expect(mayHoldC2pa(false, 'image/jpeg', jpeg(app0, app11))).toBe(true);
    expect(mayHoldC2pa(false, 'image/jpeg', jpeg(app0))).toBe(false);
    expect(mayHoldC2pa(false, 'image/png', Buffer.from('\x89PNG'))).toBe(false);
    expect(mayHoldC2pa(false, 'video/mp4', null)).toBe(false);
  });

  it('looks for APP11 only before the image data', () => {
    const afterScan = Buffer.concat([jpeg(app0), app11]);
    expect(hasApp11Segment(afterScan)).toBe(false);
    expect(hasApp11Segment(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xff]), app11]))).toBe(true);
  });

  it('never throws on arbitrary bytes after a JPEG start', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(typeof hasApp11Segment(Buffer.concat([Buffer.from([0xff, 0xd8]), bytes]))).toBe('boolean');
      }),
    );
  });
});
