import type {
  FrameTime,
  Timeline,
  TimelineClip,
  TimelineIssue,
  TimelineParseResult,
  Transition,
} from '../model.js';
import { makeClip, parseFailure } from '../model.js';
import { isDropFrameNotation, parseTimecode, supportsDropFrame } from '../timecode.js';

/**
 * CMX3600 EDL. The format states neither frame rate nor (always) drop-frame, so the rate comes from
 * `options.fps`, else 29.97 when `FCM: DROP FRAME` or `;` timecodes appear, else the highest frame
 * field seen (24 means 25 fps, 25+ means 30 fps), else 24 as the OpenTimelineIO adapter assumes.
 */
export type EdlOptions = { readonly fps?: number };

const EVENT_NUMBER = /^\d{1,6}$/;
const TIMECODE = /^\d{1,2}:\d{2}:\d{2}[:;.,]\d{2,3}$/;
/** Header and effect lines CMX3600 writers emit that carry nothing the scanner needs. */
const IGNORED_PREFIXES = ['SPLIT:', 'AUD', 'EFFECTS NAME IS', 'SWITCHER', '>>>', 'FORMAT:'];
const BLACK_REELS = new Set(['BL', 'BLK', 'BLACK']);

type RawLine = {
  readonly line: number;
  readonly event: string;
  readonly reel: string;
  readonly channel: string;
  readonly transition: { readonly type: string; readonly duration: number | null } | null;
  readonly timecodes: readonly string[];
  readonly dropFrame: boolean;
  comments: { name: string | null; sourceFile: string | null; speedFps: number | null };
};

export function parseEdl(text: string, options: EdlOptions = {}): TimelineParseResult {
  const issues: TimelineIssue[] = [];
  const raw: RawLine[] = [];
  let title: string | null = null;
  let fcmDrop: boolean | null = null;
  const lines = text.split(/\r\n|\r|\n/);

  lines.forEach((fullLine, index) => {
    const lineNo = index + 1;
    const line = fullLine.trim();
    if (line === '') return;
    const upper = line.toUpperCase();
    if (upper.startsWith('TITLE:')) {
      title = line.slice('TITLE:'.length).trim() || null;
      return;
    }
    if (upper.startsWith('FCM:')) {
      const mode = upper.slice(4).trim();
      if (mode === 'DROP FRAME') fcmDrop = true;
      else if (mode === 'NON-DROP FRAME' || mode === 'NON DROP FRAME') fcmDrop = false;
      else
        issues.push({
          message: `unknown FCM mode "${mode}" (expected DROP FRAME or NON-DROP FRAME)`,
          location: { line: lineNo },
        });
      return;
    }
    if (line.startsWith('*')) {
      applyComment(line, raw, lineNo, issues);
      return;
    }
    const tokens = line.split(/\s+/);
    if (tokens[0] === 'M2') {
      applySpeed(tokens, raw, lineNo, issues);
      return;
    }
    if (EVENT_NUMBER.test(tokens[0] ?? '')) {
      const parsed = parseEditLine(tokens, lineNo, fcmDrop === true);
      if (typeof parsed === 'string') issues.push({ message: parsed, location: { line: lineNo } });
      else raw.push(parsed);
      return;
    }
    if (IGNORED_PREFIXES.some((prefix) => upper.startsWith(prefix))) return;
    issues.push({ message: `unrecognised line "${truncate(line)}" ignored`, location: { line: lineNo } });
  });

  if (raw.length === 0) {
    const example = '"001  REEL  V  C  01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00"';
    return parseFailure(`no edit events found: expected lines like ${example}`, {}, issues);
  }

  const dropFrame = raw.some((entry) => entry.dropFrame);
  const { fps, fpsSource } = chooseRate(options, dropFrame, raw);
  const clips: TimelineClip[] = [];
  for (const entry of raw) {
    const clip = toClip(entry, fps, issues);
    if (clip !== null) clips.push(clip);
  }
  const timeline: Timeline = { format: 'edl', name: title, fps, dropFrame, fpsSource, clips };
  return { ok: true, timeline, issues };
}

function parseEditLine(tokens: readonly string[], line: number, fcmDrop: boolean): RawLine | string {
  const timecodes = tokens.slice(-4);
  if (tokens.length < 8 || !timecodes.every((tc) => TIMECODE.test(tc))) {
    return 'edit line needs: event number, reel, channel, transition, then 4 timecodes (source in/out, record in/out)';
  }
  const [event, reel, channel, type, ...rest] = tokens.slice(0, -4);
  if (event === undefined || reel === undefined || channel === undefined || type === undefined) {
    return 'edit line is missing its reel, channel or transition field';
  }
  const upperType = type.toUpperCase();
  if (!/^(C|D|W\d{0,3}|K[BO]?)$/.test(upperType)) {
    return `transition "${type}" is not C, D, Wnnn or K`;
  }
  const durationToken = rest.filter((token) => /^\d+$/.test(token)).at(-1);
  const keyModifier = rest.find((token) => token === 'B' || token === 'O');
  const transition =
    upperType === 'C'
      ? null
      : {
          type: keyModifier === undefined ? type : `${type} ${keyModifier}`,
          duration: durationToken === undefined ? null : Number(durationToken),
        };
  const dropFrame = fcmDrop || timecodes.some(isDropFrameNotation);
  return {
    line,
    event,
    reel,
    channel,
    transition,
    timecodes,
    dropFrame,
    comments: { name: null, sourceFile: null, speedFps: null },
  };
}

function chooseRate(
  options: EdlOptions,
  dropFrame: boolean,
  raw: readonly RawLine[],
): { fps: number; fpsSource: Timeline['fpsSource'] } {
  if (options.fps !== undefined && options.fps > 0) return { fps: options.fps, fpsSource: 'option' };
  if (dropFrame) return { fps: 30000 / 1001, fpsSource: 'fcm' };
  const highest = Math.max(...raw.flatMap((entry) => entry.timecodes.map((tc) => Number(tc.slice(-2)))));
  if (highest >= 25) return { fps: 30, fpsSource: 'frame-fields' };
  if (highest === 24) return { fps: 25, fpsSource: 'frame-fields' };
  return { fps: 24, fpsSource: 'default' };
}

/** Comments belong to the last edit line, except FROM CLIP NAME after a transition line: that names the outgoing clip. */
function applyComment(line: string, raw: RawLine[], lineNo: number, issues: TimelineIssue[]): void {
  const match = /^\*\s*(FROM CLIP NAME|TO CLIP NAME|SOURCE FILE)\s*:\s*(.*)$/i.exec(line);
  if (match === null) return;
  const key = (match[1] ?? '').toUpperCase();
  const value = (match[2] ?? '').trim() || null;
  const last = raw.at(-1);
  if (last === undefined) {
    issues.push({ message: `"${key}" comment before any edit line ignored`, location: { line: lineNo } });
    return;
  }
  if (key === 'SOURCE FILE') {
    last.comments.sourceFile = value;
    return;
  }
  if (key === 'TO CLIP NAME' || last.transition === null) {
    last.comments.name = value;
    return;
  }
  const outgoing = raw.findLast((entry) => entry.event === last.event && entry !== last) ?? last;
  outgoing.comments.name = value;
}

/** `M2  REEL  speed  timecode`: a motion effect on the clip from that reel in the current event. */
function applySpeed(
  tokens: readonly string[],
  raw: RawLine[],
  lineNo: number,
  issues: TimelineIssue[],
): void {
  const [, reel, speed] = tokens;
  const value = Number(speed);
  if (tokens.length < 4 || speed === undefined || !Number.isFinite(value)) {
    issues.push({ message: 'M2 line needs: M2, reel, speed in fps, timecode', location: { line: lineNo } });
    return;
  }
  const target = raw.findLast((entry) => entry.reel === reel) ?? raw.at(-1);
  if (target === undefined) {
    issues.push({ message: 'M2 speed line before any edit line ignored', location: { line: lineNo } });
    return;
  }
  target.comments.speedFps = value;
}

function toClip(entry: RawLine, fps: number, issues: TimelineIssue[]): TimelineClip | null {
  const times: FrameTime[] = [];
  const dropFrame = entry.dropFrame && supportsDropFrame(fps);
  for (const tc of entry.timecodes) {
    const result = parseTimecode(tc, fps, dropFrame);
    if (!result.ok) {
      issues.push({
        message: `event ${entry.event}: ${result.reason}; line ignored`,
        location: { line: entry.line },
      });
      return null;
    }
    times.push({ frames: result.frames, rate: fps });
  }
  const [sourceIn, sourceOut, recordIn, recordOut] = times;
  const isAudio = !entry.channel.toUpperCase().includes('V') && entry.channel.toUpperCase() !== 'B';
  return makeClip({
    event: entry.event,
    name: entry.comments.name,
    reel: entry.reel,
    sourceFile: entry.comments.sourceFile,
    isGenerator: BLACK_REELS.has(entry.reel.toUpperCase()),
    kind: isAudio ? 'audio' : 'video',
    track: entry.channel,
    sourceIn: sourceIn ?? null,
    sourceOut: sourceOut ?? null,
    recordIn: recordIn ?? null,
    recordOut: recordOut ?? null,
    transition: entry.transition === null ? null : toTransition(entry.transition),
    speedFps: entry.comments.speedFps,
    location: { line: entry.line },
  });
}

function toTransition(raw: { readonly type: string; readonly duration: number | null }): Transition {
  const head = raw.type.charAt(0).toUpperCase();
  const kind = head === 'D' ? 'dissolve' : head === 'W' ? 'wipe' : head === 'K' ? 'key' : 'other';
  return { kind, type: raw.type, durationFrames: raw.duration };
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
