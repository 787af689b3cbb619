import { parseEdl } from './edl/parse-edl.js';
import { parseFcpxml } from './fcpxml/parse-fcpxml.js';
import type { TimelineFormat, TimelineParseResult } from './model.js';
import { parseFailure } from './model.js';
import { parseOtio } from './otio/parse-otio.js';
import { parseXmeml } from './xmeml/parse-xmeml.js';

export type ParseTimelineOptions = { readonly fps?: number; readonly project?: string };

/**
 * Picks the parser from the file name, and for `.xml` (used by both FCPXML and xmeml) or an
 * unknown extension from the content itself.
 */
export function detectTimelineFormat(fileName: string, text: string): TimelineFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.edl')) return 'edl';
  if (lower.endsWith('.otio')) return 'otio';
  if (lower.endsWith('.fcpxml')) return 'fcpxml';
  const head = text.slice(0, 4096);
  if (/<fcpxml[\s>]/.test(head)) return 'fcpxml';
  if (/<xmeml[\s>]/.test(head)) return 'xmeml';
  if (/"OTIO_SCHEMA"\s*:/.test(head)) return 'otio';
  if (/^\s*(TITLE:|FCM:|\d{3,6}\s)/m.test(head)) return 'edl';
  return null;
}

export function parseTimeline(
  fileName: string,
  text: string,
  options: ParseTimelineOptions = {},
): TimelineParseResult {
  // A UTF-8 byte order mark would hide the first line's TITLE: or the XML declaration.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = detectTimelineFormat(fileName, body);
  switch (format) {
    case 'edl':
      return parseEdl(body, options.fps === undefined ? {} : { fps: options.fps });
    case 'otio':
      return parseOtio(body);
    case 'fcpxml':
      return parseFcpxml(body, options.project === undefined ? {} : { project: options.project });
    case 'xmeml':
      return parseXmeml(body);
    case null:
      return parseFailure(
        'not a timeline this tool reads: expected CMX3600 .edl, .otio, .fcpxml or FCP7/Premiere .xml',
        {},
        [],
      );
  }
}
