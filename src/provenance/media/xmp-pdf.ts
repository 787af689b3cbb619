import { openPdf } from './pdf/pdf-document.js';
import { dictGet, isDict, PdfError } from './pdf/pdf-syntax.js';
import type { ByteSource } from './xmp-container.js';
import { findXmpPackets, MAX_XMP_REGION_BYTES, xmpFactsFromPackets } from './xmp-container.js';
import type { XmpReadResult } from './xmp-reader.js';

/**
 * XMP digital source type of a PDF without ExifTool: the document's own metadata stream, the
 * catalog's /Metadata (ISO 32000-1 §14.3.2), reached through the cross-reference data with
 * positioned reads (see pdf/pdf-document.ts for the bounds). Page, image and font metadata and
 * the C2PA manifest's embedded files are not the document's and are never read.
 *  - A damaged PDF (no startxref, offsets pointing nowhere, a stream that does not inflate) gives
 *    `ok: false` with what was wrong and where: the scan reports it on the item and goes on.
 *  - null (the caller asks ExifTool) only where ExifTool can do better: an encrypted PDF whose
 *    metadata stream is encrypted too, or a metadata stream under a filter other than FlateDecode.
 */
export async function readPdfXmp(source: ByteSource): Promise<XmpReadResult | null> {
  try {
    const pdf = await openPdf(source);
    const catalog = await pdf.root();
    const reference = dictGet(catalog, 'Metadata');
    if (reference === undefined) return { ok: true, facts: xmpFactsFromPackets([]) };
    const stream = await pdf.stream(reference);
    const data = await pdf.streamData(stream, MAX_XMP_REGION_BYTES);
    if (data === null) return null;
    const packets = findXmpPackets(data);
    const encrypted = isDict(await pdf.resolve(dictGet(pdf.trailer, 'Encrypt')));
    if (packets.length === 0 && encrypted) return null;
    return { ok: true, facts: xmpFactsFromPackets(packets) };
  } catch (error) {
    const reason = error instanceof PdfError ? error.message : `unexpected structure (${String(error)})`;
    return { ok: false, message: `PDF structure could not be read: ${reason}` };
  }
}
