/**
 * Just enough of the PDF object syntax (ISO 32000-1 §7.3) to read a document's structure:
 * numbers, names, strings (kept raw), arrays, dictionaries, indirect references, booleans and
 * null. Text is handled as latin1, one character per byte, so positions are byte offsets.
 * Every problem throws a `PdfError` naming the byte where it was found; nothing else is thrown.
 */
export type PdfRef = { readonly kind: 'ref'; readonly num: number; readonly gen: number };
export type PdfName = { readonly kind: 'name'; readonly name: string };
export type PdfDict = { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PdfValue> };
export type PdfValue =
  | number
  | boolean
  | null
  | PdfRef
  | PdfName
  | PdfDict
  | { readonly kind: 'string'; readonly raw: string }
  | { readonly kind: 'array'; readonly items: readonly PdfValue[] };

export class PdfError extends Error {}

/** The window the text came from ends before the value did: read more of the file and try again. */
export class PdfNeedMore extends PdfError {}

const WHITESPACE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIMITERS = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
/** Nesting deeper than this is not a document a writer made; refuse it before the stack does. */
const MAX_DEPTH = 64;

export function isWhitespace(char: string | undefined): boolean {
  return char !== undefined && WHITESPACE.has(char);
}

/** Skips whitespace and comments; returns the position of the next token. */
export function skipSpace(text: string, from: number): number {
  let at = from;
  for (;;) {
    while (isWhitespace(text[at])) at++;
    if (text[at] !== '%') return at;
    while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  }
}

export type Parsed<T> = { readonly value: T; readonly end: number };

/** One value starting at `from` (after optional whitespace). `base` is the window's file offset, for messages. */
export function parseValue(text: string, from: number, base = 0, depth = 0): Parsed<PdfValue> {
  if (depth > MAX_DEPTH) throw new PdfError(`objects nested over ${MAX_DEPTH} deep at byte ${base + from}`);
  const at = skipSpace(text, from);
  if (at >= text.length) throw new PdfNeedMore(`the object at byte ${base + from} is cut off`);
  const char = text[at];
  if (char === '<' && text[at + 1] === '<') return parseDict(text, at + 2, base, depth);
  if (char === '<') return parseHexString(text, at, base);
  if (char === '[') return parseArray(text, at + 1, base, depth);
  if (char === '(') return parseLiteralString(text, at, base);
  if (char === '/') {
    const name = parseName(text, at, base);
    return { value: { kind: 'name', name: name.value }, end: name.end };
  }
  if (/[0-9+\-.]/.test(char ?? '')) return parseNumberOrRef(text, at, base);
  const word = /^[A-Za-z]+/.exec(text.slice(at, at + 16))?.[0] ?? '';
  if (word === 'true' || word === 'false') return { value: word === 'true', end: at + word.length };
  if (word === 'null') return { value: null, end: at + 4 };
  throw new PdfError(`unexpected ${JSON.stringify(text.slice(at, at + 12))} at byte ${base + at}`);
}

function parseDict(text: string, from: number, base: number, depth: number): Parsed<PdfDict> {
  const entries = new Map<string, PdfValue>();
  let at = from;
  for (;;) {
    at = skipSpace(text, at);
    if (at >= text.length) throw new PdfNeedMore(`a dictionary at byte ${base + from} is cut off`);
    if (text[at] === '>' && text[at + 1] === '>') return { value: { kind: 'dict', entries }, end: at + 2 };
    if (text[at] !== '/')
      throw new PdfError(
        `a dictionary key must be a name; found ${JSON.stringify(text[at])} at byte ${base + at}`,
      );
    const key = parseName(text, at, base);
    const value = parseValue(text, key.end, base, depth + 1);
    entries.set(key.value, value.value);
    at = value.end;
  }
}

function parseArray(text: string, from: number, base: number, depth: number): Parsed<PdfValue> {
  const items: PdfValue[] = [];
  let at = from;
  for (;;) {
    at = skipSpace(text, at);
    if (at >= text.length) throw new PdfNeedMore(`an array at byte ${base + from} is cut off`);
    if (text[at] === ']') return { value: { kind: 'array', items }, end: at + 1 };
    const item = parseValue(text, at, base, depth + 1);
    items.push(item.value);
    at = item.end;
  }
}

function parseName(text: string, from: number, base: number): Parsed<string> {
  let at = from + 1;
  let name = '';
  while (at < text.length && !isWhitespace(text[at]) && !DELIMITERS.has(text[at] ?? '')) {
    const hex = text[at] === '#' ? /^[0-9A-Fa-f]{2}/.exec(text.slice(at + 1, at + 3)) : null;
    if (hex !== null) {
      name += String.fromCharCode(Number.parseInt(hex[0], 16));
      at += 3;
    } else {
      name += text[at];
      at += 1;
    }
  }
  if (at >= text.length) throw new PdfNeedMore(`a name at byte ${base + from} is cut off`);
  return { value: name, end: at };
}

function parseHexString(text: string, from: number, base: number): Parsed<PdfValue> {
  const end = text.indexOf('>', from);
  if (end < 0) throw new PdfNeedMore(`a hex string at byte ${base + from} is cut off`);
  return { value: { kind: 'string', raw: text.slice(from, end + 1) }, end: end + 1 };
}

/** Balanced parentheses and backslash escapes; the raw text is kept, its bytes are not needed. */
function parseLiteralString(text: string, from: number, base: number): Parsed<PdfValue> {
  let depth = 0;
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (char === '\\') at++;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0)
      return { value: { kind: 'string', raw: text.slice(from, at + 1) }, end: at + 1 };
  }
  throw new PdfNeedMore(`a string at byte ${base + from} is cut off`);
}

const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)/y;
const REF_TAIL = /\s+(\d+)\s+R(?![A-Za-z0-9])/y;

function parseNumberOrRef(text: string, from: number, base: number): Parsed<PdfValue> {
  NUMBER.lastIndex = from;
  const match = NUMBER.exec(text);
  if (match === null) throw new PdfError(`a malformed number at byte ${base + from}`);
  const end = from + match[0].length;
  if (end >= text.length) throw new PdfNeedMore(`a number at byte ${base + from} is cut off`);
  const number = Number(match[0]);
  if (/^\d+$/.test(match[0])) {
    REF_TAIL.lastIndex = end;
    const ref = REF_TAIL.exec(text);
    if (ref !== null)
      return { value: { kind: 'ref', num: number, gen: Number(ref[1]) }, end: REF_TAIL.lastIndex };
    // "12 0" with the window ending before a possible "R": the caller must read more.
    if (/^\s+\d+\s*$/.test(text.slice(end)))
      throw new PdfNeedMore(`a reference at byte ${base + from} is cut off`);
  }
  return { value: number, end };
}

/** `N G obj` at `from` (after whitespace): the object number and where its value starts. */
export function parseObjectHeader(
  text: string,
  from: number,
  base: number,
): { readonly num: number; readonly gen: number; readonly end: number } {
  const at = skipSpace(text, from);
  const match = /^(\d+)\s+(\d+)\s+obj/.exec(text.slice(at, at + 40));
  if (match === null) {
    if (text.length - at < 40 && /^[\d\s]*o?b?$/.test(text.slice(at)))
      throw new PdfNeedMore(`object header cut off`);
    throw new PdfError(`no "N G obj" object header at byte ${base + at}`);
  }
  return { num: Number(match[1]), gen: Number(match[2]), end: at + match[0].length };
}

export function dictGet(dict: PdfDict, key: string): PdfValue | undefined {
  return dict.entries.get(key);
}

export function isDict(value: PdfValue | undefined): value is PdfDict {
  return typeof value === 'object' && value !== null && value.kind === 'dict';
}

export function isRef(value: PdfValue | undefined): value is PdfRef {
  return typeof value === 'object' && value !== null && value.kind === 'ref';
}

export function nameOf(value: PdfValue | undefined): string | null {
  return typeof value === 'object' && value !== null && value.kind === 'name' ? value.name : null;
}

export function arrayOf(value: PdfValue | undefined): readonly PdfValue[] | null {
  return typeof value === 'object' && value !== null && value.kind === 'array' ? value.items : null;
}

/** A non-negative integer, or null for anything else (a PDF states sizes and offsets this way). */
export function integerOf(value: PdfValue | undefined): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}
