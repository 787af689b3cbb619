import {
  type ByteSource,
  bufferSource,
  canReadXmpFromContainer,
  readContainerXmp,
  withFileSource,
} from './xmp-container.js';
import { readPdfXmp } from './xmp-pdf.js';
import type { ExiftoolXmpReader, XmpReadResult } from './xmp-reader.js';
import { canReadWithExifr, readXmpFromBytes } from './xmp-reader.js';

export type XmpInput = {
  readonly path: string;
  readonly size: number;
  readonly mime: string | null;
  /** The whole file when the caller already holds it; else our readers make positioned reads. */
  readonly bytes: Uint8Array | null;
  readonly exiftool: ExiftoolXmpReader;
};

/**
 * The XMP facts of one file, by the cheapest reader that knows its format:
 *  - images exifr parses, from the bytes in memory;
 *  - video and audio containers, by our container walker (only the boxes/chunks that hold XMP);
 *  - PDF, by our cross-reference reader (only the catalog's metadata stream); a damaged PDF is
 *    an error on the item, not a reason to ask ExifTool;
 *  - anything else, a container we do not recognise, an encrypted PDF: ExifTool.
 */
export async function readXmpFacts(input: XmpInput): Promise<XmpReadResult> {
  const { mime, bytes } = input;
  if (mime === null) return input.exiftool.read(input.path);
  if (bytes !== null && canReadWithExifr(mime)) return readXmpFromBytes(bytes);
  const withSource = <T>(use: (source: ByteSource) => Promise<T>): Promise<T> =>
    bytes !== null ? use(bufferSource(bytes)) : withFileSource(input.path, input.size, use);
  try {
    if (mime === 'application/pdf') {
      const ours = await withSource(readPdfXmp);
      if (ours !== null) return ours;
    } else if (canReadXmpFromContainer(mime)) {
      const ours = await withSource((source) => readContainerXmp(source, mime));
      if (ours?.ok === true) return ours;
    }
  } catch (error) {
    // Opening the file failed (it vanished, lost permissions); ExifTool would fail the same way.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return input.exiftool.read(input.path);
}
