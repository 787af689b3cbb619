import exifr from 'exifr';
import { ExifTool } from 'exiftool-vendored';

/**
 * XMP facts that bear on provenance: IPTC `Iptc4xmpExt:DigitalSourceType` (the AI disclosure
 * field) and `dcterms:provenance` (a pointer to a C2PA manifest, which may dangle when the
 * manifest was stripped). Images exifr can parse are read in-process from bytes already in
 * memory; everything else goes to ExifTool, which seeks through large files instead of loading them.
 */
export type XmpFacts = { readonly digitalSourceTypes: readonly string[]; readonly provenance: string | null };

export type XmpReadResult =
  | { readonly ok: true; readonly facts: XmpFacts }
  | { readonly ok: false; readonly message: string };

const EMPTY: XmpFacts = { digitalSourceTypes: [], provenance: null };

/** MIME types exifr reads XMP from (it has no parser for video, audio, PDF, WebP or GIF). */
const EXIFR_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/heic',
  'image/heif',
  'image/avif',
]);

export function canReadWithExifr(mime: string): boolean {
  return EXIFR_TYPES.has(mime);
}

export async function readXmpFromBytes(bytes: Uint8Array): Promise<XmpReadResult> {
  try {
    // Bytes, not a path: given a path exifr reads only the first chunks, and in Firefly PNGs the XMP
    // sits after a large C2PA caBX chunk, where it was missed.
    const output: unknown = await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      xmp: true,
      tiff: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      mergeOutput: false,
    });
    const iptcExt = field(output, 'Iptc4xmpExt');
    const dcterms = field(output, 'dcterms');
    return {
      ok: true,
      facts: {
        digitalSourceTypes: strings(field(iptcExt, 'DigitalSourceType')),
        provenance: strings(field(dcterms, 'provenance'))[0] ?? null,
      },
    };
  } catch (error) {
    // exifr throws "Unknown file format" for bytes that match no image it knows: nothing to read, not corrupt.
    const message = error instanceof Error ? error.message : String(error);
    return message.includes('Unknown file format') ? { ok: true, facts: EMPTY } : { ok: false, message };
  }
}

/** One ExifTool pool per scan; `end()` must run, or the perl processes outlive the scan. */
export type ExiftoolXmpReader = { read(path: string): Promise<XmpReadResult>; end(): Promise<void> };

export function createExiftoolXmpReader(maxProcs: number): ExiftoolXmpReader {
  const exiftool = new ExifTool({ maxProcs, taskTimeoutMillis: 60_000 });
  return {
    async read(path) {
      try {
        const tags: unknown = await exiftool.readRaw(path, {
          readArgs: ['-fast', '-XMP-iptcExt:DigitalSourceType', '-XMP-dcterms:Provenance'],
        });
        return {
          ok: true,
          facts: {
            digitalSourceTypes: strings(field(tags, 'DigitalSourceType')),
            provenance: strings(field(tags, 'Provenance'))[0] ?? null,
          },
        };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    end: () => exiftool.end(),
  };
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** XMP bags come back as arrays, single values as strings. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
