import { urlToPath } from '../file-url.js';
import type {
  FrameTime,
  Timeline,
  TimelineClip,
  TimelineIssue,
  TimelineParseResult,
  Transition,
} from '../model.js';
import { makeClip, parseFailure, transitionKind } from '../model.js';
import type { XmlElement } from '../xml-tree.js';
import {
  childElements,
  childText,
  descendants,
  firstChild,
  locationOf,
  parseXmlDocument,
} from '../xml-tree.js';

/**
 * Final Cut Pro 7 / Premiere Pro XML interchange (`<xmeml>`). Events are the clipitems and
 * generatoritems on the top-level sequence's video and audio tracks. A `<file>` or `<sequence>`
 * is written in full once and then referenced by id (`<file id="file-1"/>`), so both are
 * indexed first. A clipitem holding a sequence is a nest: its clips are listed as `nested`.
 */
type Context = {
  readonly files: ReadonlyMap<string, XmlElement>;
  readonly sequences: ReadonlyMap<string, XmlElement>;
  readonly issues: TimelineIssue[];
  readonly expanding: ReadonlySet<string>;
};

export function parseXmeml(text: string): TimelineParseResult {
  const issues: TimelineIssue[] = [];
  const xml = parseXmlDocument(text, 'xmeml');
  if (!xml.ok) return { ok: false, error: xml.error, issues };
  const root = xml.root;
  const sequence = firstChild(root, 'sequence') ?? descendants(root, new Set(['sequence']))[0];
  if (sequence === undefined) {
    return parseFailure('no <sequence> in the file', locationOf(root), issues);
  }
  const context: Context = {
    files: indexById(root, 'file'),
    sequences: indexById(root, 'sequence'),
    issues,
    expanding: new Set([sequence.attrs.get('id') ?? '']),
  };
  const fps = rateOf(sequence);
  const timecode = firstChild(sequence, 'timecode');
  const dropFrame = (timecode === null ? null : childText(timecode, 'displayformat'))?.toUpperCase() === 'DF';
  const timeline: Timeline = {
    format: 'xmeml',
    name: childText(sequence, 'name'),
    fps,
    dropFrame,
    fpsSource: fps === null ? 'none' : 'file',
    clips: readSequence(sequence, fps, context),
  };
  return { ok: true, timeline, issues };
}

/** Full definitions only: a bare `<file id="x"/>` is a reference to one. */
function indexById(root: XmlElement, name: string): Map<string, XmlElement> {
  const map = new Map<string, XmlElement>();
  for (const element of descendants(root, new Set([name]))) {
    const id = element.attrs.get('id');
    if (id !== undefined && element.children.length > 0 && !map.has(id)) map.set(id, element);
  }
  return map;
}

/** `<rate><timebase>24</timebase><ntsc>TRUE</ntsc></rate>` is 23.976 fps. */
function rateOf(element: XmlElement): number | null {
  const rate = firstChild(element, 'rate');
  const timebase = Number(rate === null ? Number.NaN : childText(rate, 'timebase'));
  if (!Number.isFinite(timebase) || timebase <= 0) return null;
  const ntsc = (rate === null ? null : childText(rate, 'ntsc'))?.toUpperCase() === 'TRUE';
  return ntsc ? Math.round(((timebase * 1000) / 1001) * 1000) / 1000 : timebase;
}

function readSequence(sequence: XmlElement, fps: number | null, context: Context): TimelineClip[] {
  const media = firstChild(sequence, 'media');
  if (media === null) {
    context.issues.push({
      message: 'sequence has no <media>',
      location: locationOf(sequence),
    });
    return [];
  }
  const clips: TimelineClip[] = [];
  for (const kind of ['video', 'audio'] as const) {
    const section = firstChild(media, kind);
    if (section === null) continue;
    childElements(section, 'track').forEach((track, index) => {
      clips.push(
        ...readTrack(track, kind, `${kind === 'video' ? 'V' : 'A'}${index + 1}`, fps, clips.length, context),
      );
    });
  }
  return clips;
}

function readTrack(
  track: XmlElement,
  kind: 'video' | 'audio',
  label: string,
  fps: number | null,
  numbered: number,
  context: Context,
): TimelineClip[] {
  const clips: TimelineClip[] = [];
  const items = track.children.filter((child) =>
    ['clipitem', 'generatoritem', 'transitionitem'].includes(child.name),
  );
  items.forEach((item, index) => {
    if (item.name === 'transitionitem') return;
    const before = items[index - 1]?.name === 'transitionitem' ? items[index - 1] : undefined;
    const after = items[index + 1]?.name === 'transitionitem' ? items[index + 1] : undefined;
    clips.push(
      readItem(item, kind, label, fps, String(numbered + clips.length + 1), { before, after }, context),
    );
  });
  return clips;
}

function readItem(
  item: XmlElement,
  kind: 'video' | 'audio',
  track: string,
  fps: number | null,
  event: string,
  transitions: { readonly before: XmlElement | undefined; readonly after: XmlElement | undefined },
  context: Context,
): TimelineClip {
  const clipRate = rateOf(item) ?? fps;
  // Premiere writes start/end as -1 when the cut point sits inside a transition.
  const start =
    frameField(item, 'start', fps) ??
    (transitions.before === undefined ? null : frameField(transitions.before, 'start', fps));
  const end =
    frameField(item, 'end', fps) ??
    (transitions.after === undefined ? null : frameField(transitions.after, 'end', fps));
  const base = {
    event,
    name: childText(item, 'name'),
    kind,
    track,
    sourceIn: frameField(item, 'in', clipRate),
    sourceOut: frameField(item, 'out', clipRate),
    recordIn: start,
    recordOut: end,
    transition: transitions.before === undefined ? null : toTransition(transitions.before, fps),
    location: locationOf(item),
  };
  if (item.name === 'generatoritem') return makeClip({ ...base, isGenerator: true });

  const nestedSequence = firstChild(item, 'sequence');
  if (nestedSequence !== null) return makeClip({ ...base, nested: readNest(nestedSequence, item, context) });

  const fileRef = firstChild(item, 'file');
  const file = fileRef === null ? null : resolveFile(fileRef, context);
  if (file === null) return makeClip(base);
  const url = childText(file, 'pathurl');
  const isGenerator = url === null && childText(file, 'mediaSource') !== null;
  if (url === null && !isGenerator) {
    context.issues.push({
      message: `file "${childText(file, 'name') ?? file.attrs.get('id') ?? ''}" has no <pathurl>`,
      location: locationOf(file),
    });
  }
  return makeClip({
    ...base,
    reel: reelName(file),
    sourceFile: url === null ? null : urlToPath(url),
    sourceUrl: url,
    isGenerator,
  });
}

function resolveFile(reference: XmlElement, context: Context): XmlElement | null {
  if (reference.children.length > 0) return reference;
  const id = reference.attrs.get('id');
  const file = id === undefined ? undefined : context.files.get(id);
  if (file === undefined) {
    context.issues.push({
      message: `<file id="${id ?? ''}"> refers to no file defined in the document`,
      location: locationOf(reference),
    });
    return null;
  }
  return file;
}

function readNest(reference: XmlElement, item: XmlElement, context: Context): TimelineClip[] {
  const id = reference.attrs.get('id') ?? '';
  const sequence = reference.children.length > 0 ? reference : context.sequences.get(id);
  if (sequence === undefined || context.expanding.has(id)) {
    const reason =
      sequence === undefined
        ? `nested <sequence id="${id}"> is not defined in the document`
        : `nested sequence "${id}" contains itself`;
    context.issues.push({ message: reason, location: locationOf(item) });
    return [];
  }
  const inner: Context = { ...context, expanding: new Set([...context.expanding, id]) };
  return readSequence(sequence, rateOf(sequence), inner).map((clip) => ({
    ...clip,
    event: `${id}:${clip.event}`,
  }));
}

function reelName(file: XmlElement): string | null {
  const reel = descendants(file, new Set(['reel']))[0];
  return reel === undefined ? null : childText(reel, 'name');
}

function frameField(element: XmlElement, name: string, rate: number | null): FrameTime | null {
  const value = Number(childText(element, name));
  if (rate === null || !Number.isFinite(value) || value < 0) return null;
  return { frames: value, rate };
}

function toTransition(element: XmlElement, fps: number | null): Transition {
  const effect = firstChild(element, 'effect');
  const type = (effect === null ? null : childText(effect, 'name')) ?? 'transition';
  const start = frameField(element, 'start', fps);
  const end = frameField(element, 'end', fps);
  return {
    kind: transitionKind(type),
    type,
    durationFrames: start === null || end === null ? null : end.frames - start.frames,
  };
}
