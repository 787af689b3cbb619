import { constants, inflateSync } from 'node:zlib';
import type { ByteSource } from '../xmp-container.js';
import {
  arrayOf,
  dictGet,
  integerOf,
  isDict,
  isRef,
  nameOf,
  type PdfDict,
  PdfError,
  PdfNeedMore,
  type PdfValue,
  parseObjectHeader,
  parseValue,
  skipSpace,
} from './pdf-syntax.js';

/**
 * A PDF read through its cross-reference data, object by object, with positioned reads only:
 * the trailer at the end, the xref sections it chains to (classic tables, xref streams, hybrid
 * files, incremental updates through /Prev), and objects found through them, directly or inside
 * object streams. Nothing is read by scanning the file, and every read counts against a budget,
 * so a hostile or huge PDF costs at most `PDF_READ_BUDGET_BYTES` of I/O.
 * A damaged structure throws a `PdfError` saying what was wrong where; this reader does not try
 * to reconstruct a broken file the way viewers do.
 */
export const PDF_READ_BUDGET_BYTES = 64 * 1024 * 1024;
/** Largest stream (xref stream, object stream, metadata) read or inflated. */
export const PDF_MAX_STREAM_BYTES = 16 * 1024 * 1024;
const TAIL_BYTES = 16 * 1024;
const FIRST_WINDOW = 64 * 1024;
const MAX_SECTIONS = 256;
const MAX_RESOLVE_DEPTH = 8;

type XrefEntry =
  | { readonly type: 'free' }
  | { readonly type: 'offset'; readonly offset: number }
  | { readonly type: 'compressed'; readonly stream: number; readonly index: number };
type XrefSection = { readonly entries: ReadonlyMap<number, XrefEntry>; readonly trailer: PdfDict };
export type PdfStream = { readonly dict: PdfDict; readonly dataStart: number };

export type PdfDocument = {
  /** The newest trailer dictionary (the one startxref points to). */
  readonly trailer: PdfDict;
  /** /Root from the newest trailer that states one (linearized files state it in the first). */
  root(): Promise<PdfDict>;
  /** The value of object `num`, null when the document has no such object. */
  resolve(value: PdfValue | undefined): Promise<PdfValue | undefined>;
  /** A stream object's dictionary and where its data starts. */
  stream(ref: PdfValue | undefined): Promise<PdfStream>;
  /** A stream's bytes, decoded when its filter is FlateDecode; null for a filter this reader lacks. */
  streamData(stream: PdfStream, limit?: number): Promise<Buffer | null>;
};

export async function openPdf(source: ByteSource): Promise<PdfDocument> {
  let budget = PDF_READ_BUDGET_BYTES;
  const read = async (offset: number, length: number): Promise<Buffer> => {
    const want = Math.max(0, Math.min(length, source.size - offset));
    if (want > budget)
      throw new PdfError(`reading it needs over ${PDF_READ_BUDGET_BYTES} bytes of structure`);
    budget -= want;
    return source.read(offset, want);
  };

  const head = (await read(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new PdfError('not a PDF: no %PDF- header in its first 1 KiB');
  const tailStart = Math.max(0, source.size - TAIL_BYTES);
  const tail = (await read(tailStart, TAIL_BYTES)).toString('latin1');
  const startxref = /startxref\s+(\d+)/g;
  let last: RegExpExecArray | null = null;
  for (let match = startxref.exec(tail); match !== null; match = startxref.exec(tail)) last = match;
  if (last === null)
    throw new PdfError(`no startxref in its last ${TAIL_BYTES / 1024} KiB: the file is truncated or damaged`);
  const firstSection = Number(last[1]);

  /**
   * Reads a value at `offset`, doubling the window until the value fits (most objects fit the
   * first 64 KiB; a big xref table or a cross-reference dictionary may not).
   */
  const withWindow = async <T>(offset: number, parse: (text: string) => T): Promise<T> => {
    if (offset >= source.size) throw new PdfError(`an offset (${offset}) points past the end of the file`);
    for (let size = FIRST_WINDOW; ; size *= 2) {
      const text = (await read(offset, size)).toString('latin1');
      try {
        return parse(text);
      } catch (error) {
        if (!(error instanceof PdfNeedMore) || offset + text.length >= source.size) throw error;
        if (size >= PDF_MAX_STREAM_BYTES)
          throw new PdfError(`a structure at byte ${offset} is over ${PDF_MAX_STREAM_BYTES} bytes`);
      }
    }
  };

  const sections: XrefSection[] = [];
  const pending: number[] = [firstSection];
  const visited = new Set<number>();
  /** Loads the next section of the chain; false when the chain is done. */
  const loadNext = async (): Promise<boolean> => {
    const offset = pending.shift();
    if (offset === undefined) return false;
    if (visited.has(offset)) return loadNext(); // a /Prev loop: each section once
    if (visited.size >= MAX_SECTIONS) throw new PdfError(`over ${MAX_SECTIONS} cross-reference sections`);
    visited.add(offset);
    const section = await readSection(offset);
    sections.push(section);
    const xrefStm = integerOf(dictGet(section.trailer, 'XRefStm'));
    const prev = integerOf(dictGet(section.trailer, 'Prev'));
    if (xrefStm !== null) {
      // A hybrid file: its xref stream lists the objects the classic table leaves out.
      const hidden = await readSection(xrefStm);
      const merged = new Map(hidden.entries);
      for (const [num, entry] of section.entries)
        if (entry.type === 'offset' || !merged.has(num)) merged.set(num, entry);
      sections[sections.length - 1] = { entries: merged, trailer: section.trailer };
    }
    if (prev !== null) pending.push(prev);
    return true;
  };

  const readSection = async (offset: number): Promise<XrefSection> => {
    const start = await read(offset, 16);
    const text = start.toString('latin1');
    if (text.slice(skipSpace(text, 0)).startsWith('xref'))
      return withWindow(offset, (window) => parseXrefTable(window, offset));
    const object = await readObject(offset, null);
    if (!('stream' in object))
      throw new PdfError(
        `startxref/Prev points to byte ${offset}, where there is neither "xref" nor an xref stream`,
      );
    const data = await streamDataAt(object.stream, PDF_MAX_STREAM_BYTES, 0);
    if (data === null)
      throw new PdfError(`the xref stream at byte ${offset} uses a filter this reader does not decode`);
    return { entries: parseXrefStream(object.stream.dict, data, offset), trailer: object.stream.dict };
  };

  const entryFor = async (num: number): Promise<XrefEntry | undefined> => {
    for (let index = 0; ; index++) {
      while (index >= sections.length) if (!(await loadNext())) return undefined;
      const entry = sections[index]?.entries.get(num);
      if (entry !== undefined) return entry;
    }
  };

  /** An object's value at a file offset; with its stream when the value is a stream dictionary. */
  const readObject = async (
    offset: number,
    expected: number | null,
  ): Promise<{ value: PdfValue } | { value: PdfDict; stream: PdfStream }> =>
    withWindow(offset, (text) => {
      const header = parseObjectHeader(text, 0, offset);
      if (expected !== null && header.num !== expected)
        throw new PdfError(
          `the xref points object ${expected} to byte ${offset}, where object ${header.num} starts`,
        );
      const { value, end } = parseValue(text, header.end, offset);
      const after = skipSpace(text, end);
      if (text.length - after < 8) throw new PdfNeedMore(`object ${header.num} is cut off`);
      if (isDict(value) && text.startsWith('stream', after)) {
        let dataStart = after + 'stream'.length;
        if (text[dataStart] === '\r') dataStart++;
        if (text[dataStart] === '\n') dataStart++;
        return { value, stream: { dict: value, dataStart: offset + dataStart } };
      }
      return { value };
    });

  type ObjectStream = { readonly text: string; readonly offsets: ReadonlyMap<number, number> };
  const objectStreams = new Map<number, ObjectStream>();
  const loading = new Set<number>();
  const objectStream = async (num: number, depth: number): Promise<ObjectStream> => {
    const known = objectStreams.get(num);
    if (known !== undefined) return known;
    // Reads run one after another, so asking again for a stream being loaded is a reference cycle.
    if (loading.has(num)) throw new PdfError(`object stream ${num} depends on itself (through a /Length)`);
    loading.add(num);
    try {
      const stream = await streamOf({ kind: 'ref', num, gen: 0 });
      const data = await streamDataAt(stream, PDF_MAX_STREAM_BYTES, depth + 1);
      if (data === null) throw new PdfError(`object stream ${num} uses a filter this reader does not decode`);
      const text = data.toString('latin1');
      const count = integerOf(dictGet(stream.dict, 'N'));
      const first = integerOf(dictGet(stream.dict, 'First'));
      if (count === null || first === null)
        throw new PdfError(`object stream ${num} has no valid /N or /First`);
      const offsets = new Map<number, number>();
      let at = 0;
      for (let index = 0; index < count; index++) {
        const pair = /^\s*(\d+)\s+(\d+)/.exec(text.slice(at, at + 40));
        if (pair === null)
          throw new PdfError(`object stream ${num}: entry ${index} of its header is malformed`);
        offsets.set(index, first + Number(pair[2]));
        at += pair[0].length;
      }
      const loaded = { text, offsets };
      objectStreams.set(num, loaded);
      return loaded;
    } finally {
      loading.delete(num);
    }
  };

  const resolveAt = async (value: PdfValue | undefined, depth: number): Promise<PdfValue | undefined> => {
    if (!isRef(value)) return value;
    if (depth > MAX_RESOLVE_DEPTH) throw new PdfError(`references nested over ${MAX_RESOLVE_DEPTH} deep`);
    const entry = await entryFor(value.num);
    if (entry === undefined || entry.type === 'free') return undefined;
    if (entry.type === 'offset') return (await readObject(entry.offset, value.num)).value;
    const container = await objectStream(entry.stream, depth + 1);
    const start = container.offsets.get(entry.index);
    if (start === undefined)
      throw new PdfError(`object ${value.num} is not in object stream ${entry.stream}`);
    return parseValue(container.text, start).value;
  };

  const streamOf = async (ref: PdfValue | undefined): Promise<PdfStream> => {
    if (!isRef(ref)) throw new PdfError('a stream must be an indirect object');
    const entry = await entryFor(ref.num);
    if (entry?.type !== 'offset') throw new PdfError(`stream object ${ref.num} has no offset in the xref`);
    const object = await readObject(entry.offset, ref.num);
    if (!('stream' in object)) throw new PdfError(`object ${ref.num} is not a stream`);
    return object.stream;
  };

  const streamDataAt = async (stream: PdfStream, limit: number, depth: number): Promise<Buffer | null> => {
    const length = integerOf(await resolveAt(dictGet(stream.dict, 'Length'), depth + 1));
    if (length === null) throw new PdfError(`the stream at byte ${stream.dataStart} has no valid /Length`);
    if (length > limit) throw new PdfError(`a stream of ${length} bytes is over the ${limit} byte bound`);
    const filters = (arrayOf(dictGet(stream.dict, 'Filter')) ?? [dictGet(stream.dict, 'Filter')]).filter(
      (filter) => filter !== undefined && filter !== null,
    );
    const raw = await read(stream.dataStart, length);
    if (filters.length === 0) return raw;
    if (filters.length > 1 || nameOf(filters[0]) !== 'FlateDecode') return null;
    let inflated: Buffer;
    try {
      // Z_SYNC_FLUSH: a stream whose zlib end marker is missing still gives what it holds.
      inflated = inflateSync(raw, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      throw new PdfError(
        `a FlateDecode stream at byte ${stream.dataStart} does not inflate (${(error as Error).message})`,
      );
    }
    const parms = dictGet(stream.dict, 'DecodeParms');
    return isDict(parms) ? unpredict(inflated, parms) : inflated;
  };

  await loadNext();
  const newest = sections[0];
  if (newest === undefined) throw new PdfError('no cross-reference section');

  return {
    trailer: newest.trailer,
    async root() {
      for (let index = 0; ; index++) {
        while (index >= sections.length)
          if (!(await loadNext())) throw new PdfError('no trailer names a /Root catalog');
        const root = dictGet(sections[index]?.trailer ?? newest.trailer, 'Root');
        if (root === undefined) continue;
        const catalog = await resolveAt(root, 0);
        if (!isDict(catalog)) throw new PdfError('the /Root catalog is not a dictionary');
        return catalog;
      }
    },
    resolve: (value) => resolveAt(value, 0),
    stream: streamOf,
    streamData: (stream, limit = PDF_MAX_STREAM_BYTES) => streamDataAt(stream, limit, 0),
  };
}

const TABLE_ENTRY = /(\d{1,10})\s+(\d{1,5})\s+([nf])/y;
const SUBSECTION = /(\d+)\s+(\d+)/y;

/** A classic `xref` table and the trailer after it. */
function parseXrefTable(text: string, base: number): XrefSection {
  const entries = new Map<number, XrefEntry>();
  let at = skipSpace(text, 0) + 'xref'.length;
  for (;;) {
    at = skipSpace(text, at);
    if (at >= text.length) throw new PdfNeedMore('xref table cut off');
    if (text.startsWith('trailer', at)) {
      const trailer = parseValue(text, at + 'trailer'.length, base);
      if (!isDict(trailer.value)) throw new PdfError(`the trailer at byte ${base + at} is not a dictionary`);
      return { entries, trailer: trailer.value };
    }
    SUBSECTION.lastIndex = at;
    const header = SUBSECTION.exec(text);
    if (header === null) throw new PdfError(`a malformed xref subsection at byte ${base + at}`);
    const first = Number(header[1]);
    const count = Number(header[2]);
    at = SUBSECTION.lastIndex;
    for (let index = 0; index < count; index++) {
      at = skipSpace(text, at);
      TABLE_ENTRY.lastIndex = at;
      const entry = TABLE_ENTRY.exec(text);
      if (entry === null) {
        if (text.length - at < 20) throw new PdfNeedMore('xref table cut off');
        throw new PdfError(`a malformed xref entry at byte ${base + at}`);
      }
      at = TABLE_ENTRY.lastIndex;
      const num = first + index;
      // The first entry for a number in a section wins (some writers repeat object 0).
      if (!entries.has(num))
        entries.set(num, entry[3] === 'n' ? { type: 'offset', offset: Number(entry[1]) } : { type: 'free' });
    }
  }
}

/** The rows of an xref stream (§7.5.8): /W field widths, /Index subsections. */
function parseXrefStream(dict: PdfDict, data: Buffer, base: number): Map<number, XrefEntry> {
  const widths = (arrayOf(dictGet(dict, 'W')) ?? []).map((width) => integerOf(width));
  const [w0, w1, w2] = widths;
  if (widths.length !== 3 || w0 == null || w1 == null || w2 == null || w1 > 8 || w0 > 4 || w2 > 8)
    throw new PdfError(`the xref stream at byte ${base} has no valid /W`);
  const size = integerOf(dictGet(dict, 'Size'));
  const index = (arrayOf(dictGet(dict, 'Index')) ?? [0, size]).map((value) => integerOf(value));
  const rowBytes = w0 + w1 + w2;
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  for (let pair = 0; pair + 1 < index.length; pair += 2) {
    const first = index[pair];
    const count = index[pair + 1];
    if (first == null || count == null)
      throw new PdfError(`the xref stream at byte ${base} has no valid /Index`);
    for (let n = 0; n < count; n++, row++) {
      const at = row * rowBytes;
      if (at + rowBytes > data.length)
        throw new PdfError(`the xref stream at byte ${base} is shorter than its /Index says`);
      const type = w0 === 0 ? 1 : field(data, at, w0);
      const second = field(data, at + w0, w1);
      const third = field(data, at + w0 + w1, w2);
      const num = first + n;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, { type: 'free' });
      else if (type === 1) entries.set(num, { type: 'offset', offset: second });
      else if (type === 2) entries.set(num, { type: 'compressed', stream: second, index: third });
    }
  }
  return entries;
}

function field(data: Buffer, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + (data[at + i] ?? 0);
  return value;
}

/** Undoes a PNG predictor (/Predictor 10-15), the one xref streams use; other predictors are refused. */
function unpredict(data: Buffer, parms: PdfDict): Buffer {
  const predictor = integerOf(dictGet(parms, 'Predictor')) ?? 1;
  if (predictor === 1) return data;
  if (predictor < 10) throw new PdfError(`predictor ${predictor} is not supported`);
  const colors = integerOf(dictGet(parms, 'Colors')) ?? 1;
  const bits = integerOf(dictGet(parms, 'BitsPerComponent')) ?? 8;
  const columns = integerOf(dictGet(parms, 'Columns')) ?? 1;
  const pixelBytes = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowBytes = Math.ceil((colors * bits * columns) / 8);
  if (rowBytes < 1 || rowBytes > 1 << 20) throw new PdfError(`predictor columns ${columns} out of range`);
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = Buffer.alloc(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)] ?? 0;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[src + i] ?? 0;
      const left = i >= pixelBytes ? (out[dst + i - pixelBytes] ?? 0) : 0;
      const up = r > 0 ? (out[dst + i - rowBytes] ?? 0) : 0;
      const upLeft = r > 0 && i >= pixelBytes ? (out[dst + i - rowBytes - pixelBytes] ?? 0) : 0;
      let value = raw;
      if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + Math.floor((left + up) / 2);
      else if (type === 4) value = raw + paeth(left, up, upLeft);
      else if (type !== 0) throw new PdfError(`PNG predictor row type ${type} is not valid`);
      out[dst + i] = value & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const pa = Math.abs(p - left);
  const pb = Math.abs(p - up);
  const pc = Math.abs(p - upLeft);
  if (pa <= pb && pa <= pc) return left;
  return pb <= pc ? up : upLeft;
}
