import { open } from 'node:fs/promises';
import type { XmpFacts, XmpReadResult } from './xmp-reader.js';

/**
 * Our own XMP reader for video and audio containers, so a scan needs no ExifTool round trip per
 * file: it walks the container's top-level structure with bounded reads and reads only the boxes
 * or chunks where XMP lives, never the media payload.
 *  - ISO BMFF / QuickTime (MP4, MOV, M4V, M4A, HEIC, AVIF): the top-level `uuid` XMP box
 *    (BE7ACFCB-97A9-42E8-9C71-999491E3AFAC) and the `moov` box (XMP in `udta/XMP_` or `meta`).
 *  - RIFF (WAV, AVI, WebP): the `_PMX` and `XMP ` chunks.
 *  - MP3: the ID3v2 tag at the start (XMP in a PRIV frame).
 * The C2PA store (a `uuid` box of another UUID, a `C2PA` chunk) is skipped, so XMP inside its
 * ingredient thumbnails is never taken for the asset's own. Other formats return null (the
 * caller falls back to ExifTool).
 */
export type ByteSource = { readonly size: number; read(offset: number, length: number): Promise<Buffer> };

/** Largest region read to look for XMP (a `moov` box, an ID3 tag); over it the file goes to ExifTool. */
export const MAX_XMP_REGION_BYTES = 16 * 1024 * 1024;

const XMP_UUID = Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex');
const BMFF_TYPES = new Set([
  'video/mp4',
  'video/quicktime',
  'audio/mp4',
  'image/heic',
  'image/heif',
  'image/avif',
]);
const RIFF_TYPES = new Set(['audio/wav', 'video/x-msvideo', 'image/webp']);

export function canReadXmpFromContainer(mime: string): boolean {
  return BMFF_TYPES.has(mime) || RIFF_TYPES.has(mime) || mime === 'audio/mpeg';
}

/** XMP facts from a container, or null when its layout is not one we read (the caller uses ExifTool). */
export async function readContainerXmp(source: ByteSource, mime: string): Promise<XmpReadResult | null> {
  try {
    const regions = BMFF_TYPES.has(mime)
      ? await bmffRegions(source)
      : RIFF_TYPES.has(mime)
        ? await riffRegions(source)
        : mime === 'audio/mpeg'
          ? await id3Regions(source)
          : null;
    if (regions === null) return null;
    return { ok: true, facts: xmpFactsFromPackets(regions.flatMap((region) => findXmpPackets(region))) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)),
  };
}

/** Reads XMP from a file on disk with a handful of positioned reads. */
export function readContainerXmpFromFile(
  path: string,
  size: number,
  mime: string,
): Promise<XmpReadResult | null> {
  return withFileSource(path, size, (source) => readContainerXmp(source, mime));
}

/** A file opened for positioned reads for as long as `use` runs. */
export async function withFileSource<T>(
  path: string,
  size: number,
  use: (source: ByteSource) => Promise<T>,
): Promise<T> {
  const handle = await open(path, 'r');
  try {
    return await use({
      size,
      read: async (offset, length) => {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return buffer.subarray(0, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}

async function bmffRegions(source: ByteSource): Promise<Buffer[] | null> {
  const regions: Buffer[] = [];
  let offset = 0;
  for (let boxes = 0; offset + 8 <= source.size && boxes < 10_000; boxes++) {
    const header = await source.read(offset, 32);
    if (header.length < 8) break;
    let size = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    let headerSize = 8;
    if (size === 1) {
      if (header.length < 16) break;
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) {
      size = source.size - offset;
    }
    if (size < headerSize) return boxes === 0 ? null : regions; // not BMFF, or a corrupt tail
    if (boxes === 0 && type !== 'ftyp' && type !== 'wide' && type !== 'moov' && type !== 'free') return null;
    if (type === 'uuid' && header.subarray(headerSize, headerSize + 16).equals(XMP_UUID)) {
      regions.push(await boundedRead(source, offset + headerSize + 16, size - headerSize - 16));
    } else if (type === 'moov' || type === 'meta') {
      regions.push(await boundedRead(source, offset + headerSize, size - headerSize));
    }
    offset += size;
  }
  return regions;
}

async function riffRegions(source: ByteSource): Promise<Buffer[] | null> {
  const header = await source.read(0, 12);
  if (header.length < 12 || header.toString('latin1', 0, 4) !== 'RIFF') return null;
  const regions: Buffer[] = [];
  let offset = 12;
  for (let chunks = 0; offset + 8 <= source.size && chunks < 10_000; chunks++) {
    const chunk = await source.read(offset, 8);
    if (chunk.length < 8) break;
    const id = chunk.toString('latin1', 0, 4);
    const size = chunk.readUInt32LE(4);
    if (id === '_PMX' || id === 'XMP ') regions.push(await boundedRead(source, offset + 8, size));
    offset += 8 + size + (size % 2); // chunks are padded to even sizes
  }
  return regions;
}

async function id3Regions(source: ByteSource): Promise<Buffer[] | null> {
  const header = await source.read(0, 10);
  if (header.length < 10 || header.toString('latin1', 0, 3) !== 'ID3') return [];
  // Syncsafe size: four 7-bit bytes.
  const size =
    ((header[6] ?? 0) << 21) | ((header[7] ?? 0) << 14) | ((header[8] ?? 0) << 7) | (header[9] ?? 0);
  return [await boundedRead(source, 10, size)];
}

async function boundedRead(source: ByteSource, offset: number, length: number): Promise<Buffer> {
  if (length > MAX_XMP_REGION_BYTES) {
    throw new Error(`an XMP region of ${length} bytes is over the ${MAX_XMP_REGION_BYTES} byte bound`);
  }
  return source.read(offset, Math.max(0, length));
}

const PACKET_START = Buffer.from('<x:xmpmeta', 'latin1');
const PACKET_END = Buffer.from('</x:xmpmeta>', 'latin1');

/** The `<x:xmpmeta>` packets in a region (XMP is UTF-8 in every container read here). */
export function findXmpPackets(region: Buffer): string[] {
  const packets: string[] = [];
  let from = 0;
  while (packets.length < 8) {
    const start = region.indexOf(PACKET_START, from);
    if (start < 0) break;
    const end = region.indexOf(PACKET_END, start);
    if (end < 0) break;
    packets.push(region.toString('utf8', start, end + PACKET_END.length));
    from = end + PACKET_END.length;
  }
  return packets;
}

const IPTC_EXT_NS = 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/';
const DCTERMS_NS = 'http://purl.org/dc/terms/';

/** DigitalSourceType and dcterms:provenance, whatever prefix each packet binds their namespaces to. */
export function xmpFactsFromPackets(packets: readonly string[]): XmpFacts {
  const digitalSourceTypes: string[] = [];
  let provenance: string | null = null;
  for (const packet of packets) {
    for (const prefix of prefixesOf(packet, IPTC_EXT_NS)) {
      for (const value of propertyValues(packet, prefix, 'DigitalSourceType')) {
        if (!digitalSourceTypes.includes(value)) digitalSourceTypes.push(value);
      }
    }
    for (const prefix of prefixesOf(packet, DCTERMS_NS)) {
      provenance ??= propertyValues(packet, prefix, 'provenance')[0] ?? null;
    }
  }
  return { digitalSourceTypes, provenance };
}

function prefixesOf(packet: string, namespace: string): string[] {
  const prefixes = new Set<string>();
  for (const match of packet.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']*)["']/g)) {
    if (match[2] === namespace && match[1] !== undefined) prefixes.add(match[1]);
  }
  return [...prefixes];
}

/** A simple XMP property as an attribute, an element with text, or an element with rdf:resource. */
function propertyValues(packet: string, prefix: string, name: string): string[] {
  const qname = `${escapeRegExp(prefix)}:${name}`;
  const values: string[] = [];
  for (const match of packet.matchAll(
    new RegExp(`\\s${qname}\\s*=\\s*"([^"]*)"|\\s${qname}\\s*=\\s*'([^']*)'`, 'g'),
  )) {
    values.push(unescapeXml(match[1] ?? match[2] ?? ''));
  }
  for (const match of packet.matchAll(new RegExp(`<${qname}(\\s[^>]*)?>([^<]*)</${qname}>`, 'g'))) {
    values.push(unescapeXml(match[2] ?? ''));
  }
  for (const match of packet.matchAll(
    new RegExp(`<${qname}\\s[^>]*rdf:resource\\s*=\\s*"([^"]*)"[^>]*/>`, 'g'),
  )) {
    values.push(unescapeXml(match[1] ?? ''));
  }
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (entity, body: string) => {
    if (body === 'lt') return '<';
    if (body === 'gt') return '>';
    if (body === 'amp') return '&';
    if (body === 'quot') return '"';
    if (body === 'apos') return "'";
    const code = body.startsWith('#x')
      ? Number.parseInt(body.slice(2), 16)
      : Number.parseInt(body.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
  });
}
