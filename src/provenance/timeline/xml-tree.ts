import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TimelineIssue } from './model.js';

/**
 * A small read-only XML tree for the FCPXML and xmeml parsers: document order kept (clip order
 * matters), every element knowing its XPath-like path and line so errors can point at it.
 */
export type XmlElement = {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Concatenated direct text content, trimmed. */
  readonly text: string;
  /** `/xmeml/sequence/media/video/track[2]/clipitem[1]`: indexes appear when siblings share a name. */
  readonly path: string;
  readonly line: number;
};

export type XmlParseResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly error: TimelineIssue };

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  captureMetaData: true,
  maxNestedTags: 512,
});
const META = XMLParser.getMetaDataSymbol();

export function parseXml(text: string): XmlParseResult {
  const checked = XMLValidator.validate(text);
  if (checked !== true) {
    return {
      ok: false,
      error: { message: `not well-formed XML: ${checked.err.msg}`, location: { line: checked.err.line } },
    };
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(text);
  } catch (error) {
    // The validator accepted it, so this is a parser limit (nesting depth, entity expansion).
    return {
      ok: false,
      error: {
        message: `XML could not be read: ${error instanceof Error ? error.message : String(error)}`,
        location: {},
      },
    };
  }
  const lineOf = lineLocator(text);
  const roots = Array.isArray(nodes) ? buildChildren(nodes as OrderedNode[], '', lineOf) : [];
  const root = roots[0];
  if (root === undefined)
    return { ok: false, error: { message: 'the file holds no XML element', location: { line: 1 } } };
  return { ok: true, root };
}

function buildChildren(
  nodes: readonly OrderedNode[],
  parentPath: string,
  lineOf: (index: number) => number,
): XmlElement[] {
  const elements = nodes.filter((node) => elementName(node) !== null);
  const totals = new Map<string, number>();
  for (const node of elements) {
    const name = elementName(node) ?? '';
    totals.set(name, (totals.get(name) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return elements.map((node) => {
    const name = elementName(node) ?? '';
    const index = (seen.get(name) ?? 0) + 1;
    seen.set(name, index);
    const path = `${parentPath}/${name}${(totals.get(name) ?? 0) > 1 ? `[${index}]` : ''}`;
    const content = Array.isArray(node[name]) ? (node[name] as OrderedNode[]) : [];
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META as symbol];
    return {
      name,
      attrs: attributes(node[':@']),
      children: buildChildren(content, path, lineOf),
      text: content
        .map((child) => child['#text'])
        .filter((value) => value !== undefined)
        .map(String)
        .join('')
        .trim(),
      path,
      line: lineOf(meta?.startIndex ?? 0),
    };
  });
}

/** Declarations (`?xml`), comments and text nodes are not elements. */
function elementName(node: OrderedNode): string | null {
  const key = Object.keys(node).find((candidate) => candidate !== ':@');
  if (key === undefined || key === '#text' || key.startsWith('?') || key.startsWith('!')) return null;
  return key;
}

function attributes(raw: unknown): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  if (raw !== null && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) map.set(key, String(value));
  }
  return map;
}

function lineLocator(text: string): (index: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/** Parses and checks the root element's name, so each format reports a wrong file the same way. */
export function parseXmlDocument(text: string, rootName: string): XmlParseResult {
  const xml = parseXml(text);
  if (!xml.ok || xml.root.name === rootName) return xml;
  return {
    ok: false,
    error: {
      message: `expected an <${rootName}> root element, found <${xml.root.name}>`,
      location: locationOf(xml.root),
    },
  };
}

/** Where an element is, for issues: its path and line. */
export function locationOf(element: XmlElement): { readonly path: string; readonly line: number } {
  return { path: element.path, line: element.line };
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function firstChild(element: XmlElement, name: string): XmlElement | null {
  return element.children.find((child) => child.name === name) ?? null;
}

/** Text of the first child with this name, or null when absent or empty. */
export function childText(element: XmlElement, name: string): string | null {
  const text = firstChild(element, name)?.text ?? '';
  return text === '' ? null : text;
}

/** Every descendant with one of these names, in document order, not descending into matches' excluded names. */
export function descendants(
  element: XmlElement,
  names: ReadonlySet<string>,
  skip: ReadonlySet<string> = new Set(),
): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    for (const child of node.children) {
      if (names.has(child.name)) found.push(child);
      if (!skip.has(child.name)) visit(child);
    }
  };
  visit(element);
  return found;
}
