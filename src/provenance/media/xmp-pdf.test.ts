import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamBody, writePdf, XMP_DST_TRAINED, xmpPacket } from '../testing/write-pdf.js';
import { PDF_MAX_STREAM_BYTES } from './pdf/pdf-document.js';
import { readXmpFacts } from './read-xmp.js';
import { bufferSource } from './xmp-container.js';
import { readPdfXmp } from './xmp-pdf.js';
import { createExiftoolXmpReader, type ExiftoolXmpReader } from './xmp-reader.js';

/**
 * The PDF XMP reader on PDFs made by pdfkit and written byte by byte (classic tables, xref and
 * object streams, hybrid files, incremental updates), checked against ExifTool where it reads
 * the same file, and on damaged PDFs, which must give a clear error, never a throw or a hang.
 */
const CAPTURE = 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture';
const PROVENANCE = 'self#jumbf=/c2pa/urn:c2pa:1234';
const trained = { ok: true, facts: { digitalSourceTypes: [XMP_DST_TRAINED], provenance: PROVENANCE } };
const nothing = { ok: true, facts: { digitalSourceTypes: [], provenance: null } };

const catalog = (metadata = ' /Metadata 3 0 R') => ({
  num: 1,
  body: `<< /Type /Catalog /Pages 2 0 R${metadata} >>`,
});
const pages = { num: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' };
const metadata = (packet: string, deflate = false) => ({
  num: 3,
  body: streamBody('/Type /Metadata /Subtype /XML', packet, { deflate }),
});
const simple = (packet = xmpPacket(XMP_DST_TRAINED, PROVENANCE), deflate = false) =>
  writePdf([catalog(), pages, metadata(packet, deflate)], '/Root 1 0 R');

async function pdfkitWithXmp(): Promise<Buffer> {
  const doc = new PDFDocument({ pdfVersion: '1.7' });
  // pdfkit writes its own XMP (creator, dates) and lets a caller add descriptions to it.
  (doc as unknown as { appendXML(xml: string): void }).appendXML(
    `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:dcterms="http://purl.org/dc/terms/"><Iptc4xmpExt:DigitalSourceType>${XMP_DST_TRAINED}</Iptc4xmpExt:DigitalSourceType><dcterms:provenance>${PROVENANCE}</dcterms:provenance></rdf:Description>`,
  );
  doc.text('A generated poster');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const read = (bytes: Buffer) => readPdfXmp(bufferSource(bytes));

/** The same PDF with object 1's xref entry pointing at object 2. */
function misdirected(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const entry = (num: number) => `${num} 1\n${String(text.indexOf(`\n${num} 0 obj`) + 1).padStart(10, '0')}`;
  return Buffer.from(text.replace(entry(1), `1 1\n${entry(2).slice(4)}`), 'latin1');
}

let dir: string;
let exiftool: ExiftoolXmpReader;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearframe-pdf-'));
  exiftool = createExiftoolXmpReader(1);
});
afterAll(async () => {
  await exiftool.end();
  await rm(dir, { recursive: true, force: true });
});

async function exiftoolOn(name: string, bytes: Buffer) {
  await writeFile(join(dir, name), bytes);
  return exiftool.read(join(dir, name));
}

describe('readPdfXmp', () => {
  const members = [catalog(), pages];
  const layouts: Record<string, () => Promise<Buffer> | Buffer> = {
    'a pdfkit PDF': pdfkitWithXmp,
    'a classic xref table, plain metadata': () => simple(),
    'a classic xref table, deflated metadata': () => simple(undefined, true),
    'an xref stream with the catalog in an object stream': () =>
      writePdf([metadata(xmpPacket(XMP_DST_TRAINED, PROVENANCE), true)], '/Root 1 0 R', {
        xref: 'stream',
        packed: { num: 4, members },
      }),
    'a hybrid file (the catalog only in its /XRefStm)': () =>
      writePdf([metadata(xmpPacket(XMP_DST_TRAINED, PROVENANCE))], '/Root 1 0 R', {
        xref: 'hybrid',
        packed: { num: 4, members },
      }),
  };

  it.each(Object.keys(layouts))('reads what ExifTool reads from %s', async (name) => {
    const bytes = await (layouts[name] as () => Promise<Buffer>)();
    const ours = await read(bytes);
    expect(ours).toEqual(trained);
    expect(await exiftoolOn(`${name.replaceAll(/\W+/g, '-')}.pdf`, bytes)).toEqual(ours);
  });

  it('takes the newest metadata after an incremental update, as ExifTool does', async () => {
    const original = simple(xmpPacket(CAPTURE));
    const updated = writePdf(
      [metadata(xmpPacket(XMP_DST_TRAINED, PROVENANCE))],
      '/Root 1 0 R',
      { xref: 'table' },
      original,
    );
    expect(await read(original)).toEqual({
      ok: true,
      facts: { digitalSourceTypes: [CAPTURE], provenance: null },
    });
    const ours = await read(updated);
    expect(ours).toEqual(trained);
    expect(await exiftoolOn('updated.pdf', updated)).toEqual(ours);
  });

  it('reads the document metadata only, not a page or image that carries its own', async () => {
    const page = { num: 4, body: '<< /Type /Page /Metadata 5 0 R >>' };
    const pageXmp = { num: 5, body: streamBody('/Type /Metadata /Subtype /XML', xmpPacket(XMP_DST_TRAINED)) };
    const bytes = writePdf([catalog(''), pages, page, pageXmp], '/Root 1 0 R');
    expect(await read(bytes)).toEqual(nothing);
  });

  it('reads from disk and from memory alike, without ExifTool', async () => {
    const bytes = simple();
    await writeFile(join(dir, 'disk.pdf'), bytes);
    const unused: ExiftoolXmpReader = {
      read: async () => ({ ok: false, message: 'ExifTool must not be asked' }),
      end: async () => undefined,
    };
    const input = {
      path: join(dir, 'disk.pdf'),
      size: bytes.length,
      mime: 'application/pdf',
      exiftool: unused,
    };
    expect(await readXmpFacts({ ...input, bytes: null })).toEqual(trained);
    expect(await readXmpFacts({ ...input, bytes })).toEqual(trained);
  });

  it('leaves an encrypted metadata stream to ExifTool, and reads one left in clear', async () => {
    const encrypt = '/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /EncryptMetadata false >>';
    const hidden = writePdf(
      [catalog(), pages, metadata('\x8f\x13 ciphertext \x02')],
      `/Root 1 0 R ${encrypt}`,
    );
    expect(await read(hidden)).toBeNull();
    const clear = writePdf(
      [catalog(), pages, metadata(xmpPacket(XMP_DST_TRAINED, PROVENANCE))],
      `/Root 1 0 R ${encrypt}`,
    );
    expect(await read(clear)).toEqual(trained);
  });

  it('says what is wrong with a damaged PDF, where', async () => {
    const good = simple();
    const cases: [string, Buffer, RegExp][] = [
      ['truncated', good.subarray(0, Math.floor(good.length / 2)), /no startxref in its last 16 KiB/],
      ['not a PDF', Buffer.from('GIF89a not a pdf at all startxref 0'), /not a PDF: no %PDF- header/],
      [
        'an xref entry pointing at another object',
        misdirected(good),
        /xref points object 1 to byte \d+, where object 2 starts/,
      ],
      [
        'metadata that does not inflate',
        writePdf(
          [
            catalog(),
            pages,
            { num: 3, body: streamBody('/Type /Metadata /Filter /FlateDecode', 'not zlib data') },
          ],
          '/Root 1 0 R',
        ),
        /FlateDecode stream at byte \d+ does not inflate/,
      ],
      [
        'a stream longer than the bound',
        writePdf(
          [
            catalog(),
            pages,
            {
              num: 3,
              body: `<< /Type /Metadata /Length ${PDF_MAX_STREAM_BYTES + 1} >>\nstream\nx\nendstream`,
            },
          ],
          '/Root 1 0 R',
        ),
        /over the \d+ byte bound/,
      ],
      ['no catalog', writePdf([pages], '/Info 2 0 R'), /no trailer names a \/Root catalog/],
    ];
    for (const [label, bytes, message] of cases) {
      const result = await read(bytes);
      expect(result, label).toMatchObject({ ok: false });
      expect(result?.ok === false ? result.message : '', label).toMatch(/^PDF structure could not be read: /);
      expect(result?.ok === false ? result.message : '', label).toMatch(message);
    }
  });

  it('follows a /Prev loop once and stops', async () => {
    const looped = Buffer.from(
      simple().toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Prev 9'),
      'latin1',
    );
    const prev = looped.toString('latin1').lastIndexOf('xref');
    const fixed = Buffer.from(looped.toString('latin1').replace('/Prev 9', `/Prev ${prev}`), 'latin1');
    expect(await read(fixed)).toEqual(trained);
  });

  it('never throws and always settles on arbitrary bytes or on damaged copies of a good PDF', async () => {
    const good = writePdf([metadata(xmpPacket(XMP_DST_TRAINED), true)], '/Root 1 0 R', {
      xref: 'stream',
      packed: { num: 4, members: [catalog(), pages] },
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.concat([Buffer.from('%PDF-1.7\n'), bytes])),
          fc
            .array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 })
            .map((edits) => {
              const copy = Buffer.from(good);
              for (const [at, value] of edits) copy[at] = value;
              return copy;
            }),
          fc.nat(good.length).map((end) => good.subarray(0, end)),
        ),
        async (bytes) => {
          const result = await read(bytes);
          expect(result === null || typeof result.ok === 'boolean').toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
