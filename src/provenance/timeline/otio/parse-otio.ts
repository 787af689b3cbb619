import type { z } from 'zod';
import { urlToPath } from '../file-url.js';
import type { Timeline, TimelineClip, TimelineIssue, TimelineParseResult, TrackKind } from '../model.js';
import { makeClip, parseFailure, transitionKind } from '../model.js';
import type { MediaReference, RationalTime } from './schema.js';
import { Clip, Composition, Gap, TimelineObject, Transition } from './schema.js';

/**
 * OpenTimelineIO JSON (`.otio`). Every Clip at any depth is an event: clips inside nested Stacks
 * and Tracks are on screen as much as top-level ones. Record times are computed the way OTIO
 * lays items out (a Track plays its children one after another, a Stack plays them together)
 * and expressed at the timeline rate: `global_start_time.rate`, else the first clip's rate.
 */
type Draft = Omit<TimelineClip, 'recordIn' | 'recordOut' | 'sourceIn' | 'sourceOut'> & {
  readonly seconds: {
    readonly recordIn: number;
    readonly recordOut: number;
    readonly sourceIn: number | null;
    readonly sourceOut: number | null;
  };
};

type Walk = {
  readonly drafts: Draft[];
  readonly issues: TimelineIssue[];
  firstRate: number | null;
};

type Place = {
  readonly path: string;
  readonly offset: number;
  readonly kind: TrackKind;
  readonly track: string;
};

export function parseOtio(text: string): TimelineParseResult {
  const issues: TimelineIssue[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return parseFailure(`not valid JSON: ${reason}`, { path: '$' }, issues);
  }
  const root = TimelineObject.safeParse(json);
  if (!root.success) return { ok: false, error: zodIssue(root.error, '$'), issues };

  const walk: Walk = { drafts: [], issues, firstRate: null };
  walkStack(root.data.tracks, { path: '$.tracks', offset: 0, kind: 'video', track: '' }, walk, true);

  const fps = root.data.global_start_time?.rate ?? walk.firstRate;
  const toFrames = (seconds: number | null) =>
    seconds === null || fps === null ? null : { frames: roundFrames(seconds * fps), rate: fps };
  const clips = walk.drafts.map(
    ({ seconds, ...rest }): TimelineClip => ({
      ...rest,
      sourceIn: toFrames(seconds.sourceIn),
      sourceOut: toFrames(seconds.sourceOut),
      recordIn: toFrames(seconds.recordIn),
      recordOut: toFrames(seconds.recordOut),
    }),
  );
  const timeline: Timeline = {
    format: 'otio',
    name: root.data.name ?? null,
    fps,
    dropFrame: false,
    fpsSource: fps === null ? 'none' : 'file',
    clips,
  };
  return { ok: true, timeline, issues };
}

/** Children of a Stack play together; returns the Stack's duration in seconds. */
function walkStack(node: unknown, place: Place, walk: Walk, isTopLevel: boolean): number {
  const stack = Composition.safeParse(node);
  if (!stack.success) {
    walk.issues.push(zodIssue(stack.error, place.path));
    return 0;
  }
  const counters = { video: 0, audio: 0 };
  let longest = 0;
  stack.data.children.forEach((child, index) => {
    const path = `${place.path}.children[${index}]`;
    const schema = schemaName(child.OTIO_SCHEMA);
    let duration: number;
    if (schema === 'Track') {
      const kind = trackKind(child, place.kind);
      counters[kind] += 1;
      const label = isTopLevel ? `${kind === 'video' ? 'V' : 'A'}${counters[kind]}` : place.track;
      duration = walkTrack(child, { path, offset: place.offset, kind, track: label }, walk);
    } else {
      duration = walkItem(child, { ...place, path }, walk, null);
    }
    longest = Math.max(longest, duration);
  });
  return rangeSeconds(stack.data.source_range?.duration, walk) ?? longest;
}

/** Children of a Track play one after another; a Transition overlaps its neighbours and takes no time. */
function walkTrack(node: unknown, place: Place, walk: Walk): number {
  const track = Composition.safeParse(node);
  if (!track.success) {
    walk.issues.push(zodIssue(track.error, place.path));
    return 0;
  }
  let cursor = place.offset;
  let pending: z.infer<typeof Transition> | null = null;
  track.data.children.forEach((child, index) => {
    const path = `${place.path}.children[${index}]`;
    if (schemaName(child.OTIO_SCHEMA) === 'Transition') {
      const transition = Transition.safeParse(child);
      if (transition.success) pending = transition.data;
      else walk.issues.push(zodIssue(transition.error, path));
      return;
    }
    cursor += walkItem(child, { ...place, path, offset: cursor }, walk, pending);
    pending = null;
  });
  return rangeSeconds(track.data.source_range?.duration, walk) ?? cursor - place.offset;
}

function walkItem(
  node: { readonly OTIO_SCHEMA: string },
  place: Place,
  walk: Walk,
  transition: z.infer<typeof Transition> | null,
): number {
  switch (schemaName(node.OTIO_SCHEMA)) {
    case 'Clip':
      return walkClip(node, place, walk, transition);
    case 'Gap': {
      const gap = Gap.safeParse(node);
      if (!gap.success) walk.issues.push(zodIssue(gap.error, place.path));
      return gap.success ? (rangeSeconds(gap.data.source_range?.duration, walk) ?? 0) : 0;
    }
    case 'Stack':
      return walkStack(node, place, walk, false);
    case 'Track':
      return walkTrack(node, { ...place, kind: trackKind(node, place.kind) }, walk);
    default:
      walk.issues.push({
        message: `unsupported item ${node.OTIO_SCHEMA} skipped`,
        location: { path: place.path },
      });
      return 0;
  }
}

function walkClip(
  node: unknown,
  place: Place,
  walk: Walk,
  transition: z.infer<typeof Transition> | null,
): number {
  const parsed = Clip.safeParse(node);
  if (!parsed.success) {
    walk.issues.push(zodIssue(parsed.error, place.path));
    return 0;
  }
  const clip = parsed.data;
  const reference = activeReference(clip);
  const range = clip.source_range ?? reference?.available_range ?? null;
  const duration = rangeSeconds(range?.duration, walk);
  if (duration === null) {
    walk.issues.push({
      message: 'clip has no source_range and its media has no available_range; length taken as 0',
      location: { path: place.path },
    });
  }
  const length = duration ?? 0;
  const start = rangeSeconds(range?.start_time, walk);
  const referenceSchema = reference === null ? 'MissingReference' : schemaName(reference.OTIO_SCHEMA);
  const url = reference?.target_url ?? reference?.target_url_base ?? null;
  walk.drafts.push({
    ...makeClip({ event: String(walk.drafts.length + 1), location: { path: place.path } }),
    name: clip.name ?? null,
    sourceFile: url === null ? null : urlToPath(url),
    sourceUrl: url,
    isGenerator: referenceSchema === 'GeneratorReference',
    kind: place.kind,
    track: place.track,
    transition: transition === null ? null : toTransition(transition, walk),
    seconds: {
      recordIn: place.offset,
      recordOut: place.offset + length,
      sourceIn: start,
      sourceOut: start === null ? null : start + length,
    },
  });
  return length;
}

/** Clip.1 has `media_reference`; Clip.2 has a map of references and the key of the active one. */
function activeReference(clip: Clip): MediaReference | null {
  if (clip.media_references != null) {
    const key = clip.active_media_reference_key ?? 'DEFAULT_MEDIA';
    return clip.media_references[key] ?? null;
  }
  return clip.media_reference ?? null;
}

function toTransition(transition: z.infer<typeof Transition>, walk: Walk): TimelineClip['transition'] {
  const type = transition.transition_type ?? transition.name ?? 'Transition';
  const inOffset = rangeSeconds(transition.in_offset, walk) ?? 0;
  const outOffset = rangeSeconds(transition.out_offset, walk) ?? 0;
  const rate = transition.in_offset?.rate ?? transition.out_offset?.rate ?? null;
  return {
    kind: transitionKind(type),
    type,
    durationFrames: rate === null ? null : roundFrames((inOffset + outOffset) * rate),
  };
}

function rangeSeconds(time: RationalTime | null | undefined, walk: Walk): number | null {
  if (time == null) return null;
  walk.firstRate ??= time.rate;
  return time.value / time.rate;
}

function trackKind(node: object, fallback: TrackKind): TrackKind {
  const kind = 'kind' in node && typeof node.kind === 'string' ? node.kind.toLowerCase() : null;
  return kind === 'audio' ? 'audio' : kind === 'video' ? 'video' : fallback;
}

function schemaName(schema: string): string {
  return schema.split('.')[0] ?? schema;
}

/** Frame counts computed through seconds pick up float noise (2.9999999); keep whole frames whole. */
function roundFrames(frames: number): number {
  const rounded = Math.round(frames);
  return Math.abs(frames - rounded) < 1e-6 ? rounded : frames;
}

function zodIssue(error: z.ZodError, base: string): TimelineIssue {
  const first = error.issues[0];
  const suffix = (first?.path ?? [])
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('');
  return { message: first?.message ?? 'invalid OTIO object', location: { path: `${base}${suffix}` } };
}
