import { deflateSync } from 'node:zlib';

/**
 * Writes small PDFs byte by byte for the PDF reader's tests: classic xref tables, xref streams
 * with object streams, hybrid files and incremental updates, so each structure a writer may
 * produce is tested on a file whose every offset we know. Test code only.
 */
export type PdfObject = { readonly num: number; readonly body: string | Buffer };

export type PdfLayout =
  /** A classic `xref` table and `trailer`. */
  | { readonly xref: 'table' }
  /** An xref stream (PNG Up predictor); `packed` objects go in an object stream. */
  | {
      readonly xref: 'stream';
      readonly packed?: { readonly num: number; readonly members: readonly PdfObject[] };
    }
  /** A table for the plain objects plus an /XRefStm stream listing the packed ones (PDF 1.5 hybrid). */
  | {
      readonly xref: 'hybrid';
      readonly packed: { readonly num: number; readonly members: readonly PdfObject[] };
    };

export const XMP_DST_TRAINED = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

/** An XMP packet stating a digital source type and, optionally, dcterms:provenance. */
export function xmpPacket(digitalSourceType: string, provenance?: string): string {
  const dcterms =
    provenance === undefined
      ? ''
      : ` xmlns:dcterms="http://purl.org/dc/terms/" dcterms:provenance="${provenance}"`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="${digitalSourceType}"${dcterms}/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

/** A stream object body: `dict` plus /Length (and /Filter when deflated), then the data. */
export function streamBody(dict: string, data: string | Buffer, options: { deflate?: boolean } = {}): Buffer {
  const raw = Buffer.from(data);
  const payload = options.deflate === true ? deflateSync(raw) : raw;
  const filter = options.deflate === true ? ' /Filter /FlateDecode' : '';
  return Buffer.concat([
    Buffer.from(`<< ${dict}${filter} /Length ${payload.length} >>\nstream\n`, 'latin1'),
    payload,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/**
 * A PDF of `objects` with `trailer` entries (e.g. `/Root 1 0 R`). With `base`, an incremental
 * update appended to it: the new section's /Prev points to the base's last section.
 */
export function writePdf(
  objects: readonly PdfObject[],
  trailer: string,
  layout: PdfLayout = { xref: 'table' },
  base?: Buffer,
): Buffer {
  const parts: Buffer[] = [base ?? Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets = new Map<number, number>();
  const emit = (object: PdfObject) => {
    offsets.set(object.num, offset);
    const bytes = Buffer.concat([
      Buffer.from(`${object.num} 0 obj\n`, 'latin1'),
      Buffer.from(object.body),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(bytes);
    offset += bytes.length;
  };
  for (const object of objects) emit(object);
  const packed = layout.xref === 'table' ? undefined : layout.packed;
  if (packed !== undefined) emit(objectStream(packed.num, packed.members));
  const prev = base === undefined ? '' : ` /Prev ${lastStartxref(base)}`;
  const members =
    packed?.members.map((member, index) => ({ num: member.num, stream: packed.num, index })) ?? [];
  const all = Math.max(0, ...offsets.keys(), ...members.map((m) => m.num));

  if (layout.xref === 'stream') {
    const xrefNum = all + 1;
    offsets.set(xrefNum, offset);
    const rows = xrefRows(offsets, members, base === undefined);
    const stream = xrefStream(rows, `/Type /XRef /Size ${xrefNum + 1} ${trailer}${prev}`);
    const start = offset;
    emit({ num: xrefNum, body: stream });
    parts.push(Buffer.from(`startxref\n${start}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }
  let hybrid = '';
  if (layout.xref === 'hybrid') {
    const streamNum = all + 1;
    const rows = xrefRows(new Map(), members, false);
    hybrid = ` /XRefStm ${offset}`;
    emit({ num: streamNum, body: xrefStream(rows, `/Type /XRef /Size ${streamNum + 1}`) });
  }
  const start = offset;
  const table = tableRows(offsets, base === undefined);
  parts.push(
    Buffer.from(
      `xref\n${table}trailer\n<< /Size ${Math.max(...offsets.keys()) + 1} ${trailer}${prev}${hybrid} >>\nstartxref\n${start}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

export function lastStartxref(pdf: Buffer): number {
  const matches = [...pdf.toString('latin1').matchAll(/startxref\s+(\d+)/g)];
  return Number(matches.at(-1)?.[1] ?? 0);
}

function objectStream(num: number, members: readonly PdfObject[]): PdfObject {
  let body = '';
  const header: string[] = [];
  for (const member of members) {
    header.push(`${member.num} ${body.length}`);
    body += `${member.body.toString()}\n`;
  }
  const head = `${header.join(' ')}\n`;
  return {
    num,
    body: streamBody(`/Type /ObjStm /N ${members.length} /First ${head.length}`, head + body, {
      deflate: true,
    }),
  };
}

type Row = { readonly num: number; readonly type: 0 | 1 | 2; readonly a: number; readonly b: number };

function xrefRows(
  offsets: ReadonlyMap<number, number>,
  members: readonly { num: number; stream: number; index: number }[],
  withFreeHead: boolean,
): Row[] {
  const rows: Row[] = [
    ...(withFreeHead ? [{ num: 0, type: 0 as const, a: 0, b: 65535 }] : []),
    ...[...offsets].map(([num, at]) => ({ num, type: 1 as const, a: at, b: 0 })),
    ...members.map((m) => ({ num: m.num, type: 2 as const, a: m.stream, b: m.index })),
  ];
  return rows.sort((x, y) => x.num - y.num);
}

/** An xref stream body, W [1 4 2], PNG Up predictor, one /Index pair per row. */
function xrefStream(rows: readonly Row[], dict: string): Buffer {
  const width = 7;
  const raw = Buffer.alloc(rows.length * (width + 1));
  let previous = Buffer.alloc(width);
  rows.forEach((row, r) => {
    const line = Buffer.alloc(width);
    line.writeUInt8(row.type, 0);
    line.writeUInt32BE(row.a, 1);
    line.writeUInt16BE(row.b, 5);
    raw[r * (width + 1)] = 2; // PNG "Up"
    for (let i = 0; i < width; i++)
      raw[r * (width + 1) + 1 + i] = ((line[i] ?? 0) - (previous[i] ?? 0)) & 0xff;
    previous = line;
  });
  const index = rows.map((row) => `${row.num} 1`).join(' ');
  return streamBody(
    `${dict} /W [1 4 2] /Index [${index}] /DecodeParms << /Predictor 12 /Columns ${width} >>`,
    raw,
    {
      deflate: true,
    },
  );
}

function tableRows(offsets: ReadonlyMap<number, number>, withFreeHead: boolean): string {
  const entries = [...offsets].sort((x, y) => x[0] - y[0]);
  let text = withFreeHead ? '0 1\n0000000000 65535 f \n' : '';
  for (const [num, at] of entries) text += `${num} 1\n${String(at).padStart(10, '0')} 00000 n \n`;
  return text;
}
