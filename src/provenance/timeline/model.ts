/**
 * One editorial timeline, whatever format it came from. Parsers fill this in; the scanner
 * only needs "which clip, on which track, at which record time, points at which media".
 */

export type TimelineFormat = 'edl' | 'otio' | 'fcpxml' | 'xmeml';

/** A time as a count of frames at a rate (OpenTimelineIO's RationalTime). `frames` may be fractional. */
export type FrameTime = { readonly frames: number; readonly rate: number };

/** Where in the timeline file a clip or issue came from: a 1-based line, an element/JSON path, or both. */
export type SourceLocation = { readonly line?: number; readonly path?: string };

export type TrackKind = 'video' | 'audio';

export type Transition = {
  /** Normalised kind; `type` keeps the format's own name (e.g. `W001`, `SMPTE_Dissolve`, `Cross Dissolve`). */
  readonly kind: 'dissolve' | 'wipe' | 'key' | 'other';
  readonly type: string;
  /** Duration in frames at the timeline rate, when the format states it. */
  readonly durationFrames: number | null;
};

/** One use of source media on the timeline: an EDL edit line, an OTIO Clip, an FCPXML clip element, an xmeml clipitem. */
export type TimelineClip = {
  /**
   * The event this clip belongs to. For EDL the event number ("003"): a transition is two edit lines
   * with one number. For the other formats each clip is its own event.
   */
  readonly event: string;
  readonly name: string | null;
  readonly reel: string | null;
  /** The media file as the timeline names it: a path, a file name or a decoded file URL's path. */
  readonly sourceFile: string | null;
  /** The media URL as written (OTIO target_url, FCPXML src, xmeml pathurl), undecoded. */
  readonly sourceUrl: string | null;
  /** Generator (slug, bars, title) rather than media: nothing on disk to match. */
  readonly isGenerator: boolean;
  readonly kind: TrackKind;
  /** Track label as the format names it: `V`, `A2`, `V1`, `lane -1`, an OTIO track name. */
  readonly track: string;
  /** The part of the source media used. */
  readonly sourceIn: FrameTime | null;
  readonly sourceOut: FrameTime | null;
  /** Where the clip sits on the timeline. */
  readonly recordIn: FrameTime | null;
  readonly recordOut: FrameTime | null;
  readonly transition: Transition | null;
  /** Playback speed in frames per second from an EDL M2 line (0 = freeze frame). */
  readonly speedFps: number | null;
  /** Clips inside a compound clip (FCPXML ref-clip) or nested sequence (xmeml); not events of their own. */
  readonly nested: readonly TimelineClip[];
  readonly location: SourceLocation;
};

export type Timeline = {
  readonly format: TimelineFormat;
  readonly name: string | null;
  /** Frames per second at which record times are expressed; null when the file states none and none was given. */
  readonly fps: number | null;
  readonly dropFrame: boolean;
  /** How `fps` was decided, since EDL and OTIO files often do not say. */
  readonly fpsSource: 'file' | 'option' | 'fcm' | 'frame-fields' | 'default' | 'none';
  readonly clips: readonly TimelineClip[];
};

/** A problem found while parsing: an unreadable line, a clip with no media, a dangling reference. */
export type TimelineIssue = { readonly message: string; readonly location: SourceLocation };

/**
 * Parsers never throw on bad input. A file that cannot be read as a timeline at all is `ok: false`
 * with the first fatal problem; a readable file with some bad parts is `ok: true` with `issues`.
 */
export type TimelineParseResult =
  | { readonly ok: true; readonly timeline: Timeline; readonly issues: readonly TimelineIssue[] }
  | { readonly ok: false; readonly error: TimelineIssue; readonly issues: readonly TimelineIssue[] };

/** Distinct event ids, which is what editors (and the fixtures) count as "events". */
export function countEvents(timeline: Timeline): number {
  return new Set(timeline.clips.map((clip) => clip.event)).size;
}

/** Human-readable location: `line 12`, `/xmeml/sequence/media/video/track[2]/clipitem[1] (line 40)`. */
export function describeLocation(location: SourceLocation): string {
  if (location.path !== undefined && location.line !== undefined)
    return `${location.path} (line ${location.line})`;
  if (location.path !== undefined) return location.path;
  if (location.line !== undefined) return `line ${location.line}`;
  return 'the file';
}

/** A clip with every optional field at its empty value; parsers spread their own fields over it. */
export function makeClip(
  fields: Partial<TimelineClip> & Pick<TimelineClip, 'event' | 'location'>,
): TimelineClip {
  return {
    name: null,
    reel: null,
    sourceFile: null,
    sourceUrl: null,
    isGenerator: false,
    kind: 'video',
    track: 'V',
    sourceIn: null,
    sourceOut: null,
    recordIn: null,
    recordOut: null,
    transition: null,
    speedFps: null,
    nested: [],
    ...fields,
  };
}

/** A failed parse: the fatal problem plus whatever was noticed before it. */
export function parseFailure(
  message: string,
  location: SourceLocation,
  issues: readonly TimelineIssue[],
): TimelineParseResult {
  return { ok: false, error: { message, location }, issues };
}

/** Formats name transitions freely ("Cross Dissolve", "SMPTE_Dissolve", "Band Wipe"); this is the kind we report on. */
export function transitionKind(type: string): Transition['kind'] {
  const lower = type.toLowerCase();
  if (lower.includes('dissolve')) return 'dissolve';
  if (lower.includes('wipe')) return 'wipe';
  return 'other';
}
