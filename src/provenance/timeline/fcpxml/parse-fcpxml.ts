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
import { childElements, descendants, firstChild, locationOf, parseXmlDocument } from '../xml-tree.js';
import { parseRationalTime } from './rational-time.js';

/**
 * Final Cut Pro X XML. Events are the clip elements in the chosen project's spine, connected clips
 * (lanes) included; with no project, the clips at the top of the file (a clip export). Compound
 * clips (`ref-clip` to a `<media>`) count once, with their content listed as `nested`.
 */
export type FcpxmlOptions = { readonly project?: string };

const CLIP_ELEMENTS = new Set(['asset-clip', 'clip', 'ref-clip', 'sync-clip', 'mc-clip']);
const CONTAINERS = new Set([...CLIP_ELEMENTS, 'spine', 'gap', 'transition']);

type Resources = {
  readonly assets: ReadonlyMap<string, XmlElement>;
  readonly media: ReadonlyMap<string, XmlElement>;
  readonly formats: ReadonlyMap<string, XmlElement>;
};

type Context = {
  readonly resources: Resources;
  readonly issues: TimelineIssue[];
  readonly fps: number | null;
  /** Compound clips being expanded, to stop a media that (directly or not) contains itself. */
  readonly expanding: ReadonlySet<string>;
  counter: number;
};

export function parseFcpxml(text: string, options: FcpxmlOptions = {}): TimelineParseResult {
  const issues: TimelineIssue[] = [];
  const xml = parseXmlDocument(text, 'fcpxml');
  if (!xml.ok) return { ok: false, error: xml.error, issues };
  const root = xml.root;
  const resources = readResources(root);
  const projects = descendants(root, new Set(['project']), new Set(['resources']));
  const project =
    options.project === undefined
      ? projects[0]
      : projects.find((candidate) => candidate.attrs.get('name') === options.project);
  if (options.project !== undefined && project === undefined) {
    const names = projects.map((candidate) => `"${candidate.attrs.get('name') ?? ''}"`).join(', ') || 'none';
    return parseFailure(
      `no project named "${options.project}" (projects: ${names})`,
      { path: root.path },
      issues,
    );
  }
  if (options.project === undefined && projects.length > 1 && project !== undefined) {
    issues.push({
      message: `the file holds ${projects.length} projects; read the first, "${project.attrs.get('name') ?? ''}" (choose another by name)`,
      location: locationOf(project),
    });
  }

  const sequence = project === undefined ? null : firstChild(project, 'sequence');
  const fps = frameRate(sequence ?? root, resources, root);
  const context: Context = { resources, issues, fps, expanding: new Set(), counter: 0 };
  let clips: TimelineClip[];
  let name: string | null;
  if (project !== undefined) {
    const spine = sequence === null ? null : firstChild(sequence, 'spine');
    if (spine === null) {
      return parseFailure('project has no <sequence><spine>', locationOf(project), issues);
    }
    clips = readContainer(spine, 0, 0, 'primary', context);
    name = project.attrs.get('name') ?? null;
  } else {
    const holders = [root, ...descendants(root, new Set(['event', 'library']), new Set(['resources']))];
    clips = holders.flatMap((holder) =>
      holder.children
        .filter((child) => CLIP_ELEMENTS.has(child.name))
        .map((child) => readClip(child, null, 'top level', null, context)),
    );
    name = null;
  }
  if (clips.length === 0 && project === undefined) {
    return parseFailure('no project and no clips found in the file', locationOf(root), issues);
  }
  const dropFrame = (sequence?.attrs.get('tcFormat') ?? '').toUpperCase() === 'DF';
  const timeline: Timeline = {
    format: 'fcpxml',
    name,
    fps,
    dropFrame,
    fpsSource: fps === null ? 'none' : 'file',
    clips,
  };
  return { ok: true, timeline, issues };
}

function readResources(root: XmlElement): Resources {
  const byId = (name: string) => {
    const map = new Map<string, XmlElement>();
    for (const resources of childElements(root, 'resources')) {
      for (const element of childElements(resources, name)) {
        const id = element.attrs.get('id');
        if (id !== undefined) map.set(id, element);
      }
    }
    return map;
  };
  return { assets: byId('asset'), media: byId('media'), formats: byId('format') };
}

/** The sequence's format gives the frame duration; a clip export falls back to the first format. */
function frameRate(element: XmlElement, resources: Resources, root: XmlElement): number | null {
  const formatId = element.attrs.get('format');
  const format =
    formatId === undefined ? [...resources.formats.values()][0] : resources.formats.get(formatId);
  const frameDuration = parseRationalTime(format?.attrs.get('frameDuration'));
  if (frameDuration === null || frameDuration <= 0)
    return root === element ? null : frameRate(root, resources, root);
  return Math.round((1 / frameDuration) * 1000) / 1000;
}

/**
 * Children of a spine, clip or gap. A child's `offset` is in its parent's own time, which starts
 * at the parent's `start` (0 for a spine), so record time = parent record in + offset - start.
 */
function readContainer(
  container: XmlElement,
  recordOrigin: number,
  parentStart: number,
  track: string,
  context: Context,
): TimelineClip[] {
  const clips: TimelineClip[] = [];
  const children = container.children.filter((child) => CONTAINERS.has(child.name));
  children.forEach((child, index) => {
    const offset = time(child, 'offset', context) ?? parentStart;
    const recordIn = recordOrigin + offset - parentStart;
    const lane = child.attrs.get('lane');
    const childTrack = lane === undefined ? track : `lane ${lane}`;
    if (child.name === 'spine') {
      clips.push(...readContainer(child, recordIn, 0, childTrack, context));
    } else if (child.name === 'gap') {
      clips.push(...readContainer(child, recordIn, time(child, 'start', context) ?? 0, childTrack, context));
    } else if (CLIP_ELEMENTS.has(child.name)) {
      const transition = adjacentTransition(children, index, context);
      clips.push(readClip(child, recordIn, childTrack, transition, context));
      clips.push(...readContainer(child, recordIn, time(child, 'start', context) ?? 0, childTrack, context));
    }
  });
  return clips;
}

function readClip(
  element: XmlElement,
  recordIn: number | null,
  track: string,
  transition: Transition | null,
  context: Context,
): TimelineClip {
  context.counter += 1;
  const duration = time(element, 'duration', context);
  const start = time(element, 'start', context) ?? 0;
  const media = mediaOf(element, context);
  return makeClip({
    event: String(context.counter),
    name: element.attrs.get('name') ?? null,
    sourceFile: media.src === null ? null : urlToPath(media.src),
    sourceUrl: media.src,
    kind: media.kind,
    track,
    sourceIn: frames(start, context),
    sourceOut: duration === null ? null : frames(start + duration, context),
    recordIn: recordIn === null ? null : frames(recordIn, context),
    recordOut: recordIn === null || duration === null ? null : frames(recordIn + duration, context),
    transition,
    nested: media.nested,
    location: locationOf(element),
  });
}

type Media = {
  readonly src: string | null;
  readonly kind: 'video' | 'audio';
  readonly nested: readonly TimelineClip[];
};

function mediaOf(element: XmlElement, context: Context): Media {
  const audioOnly = element.attrs.get('srcEnable') === 'audio';
  if (element.name === 'ref-clip') return compoundMedia(element, audioOnly, context);
  if (element.name === 'asset-clip') {
    const asset = resolve(context.resources.assets, element, 'asset', context);
    const kind = audioOnly || asset?.attrs.get('hasVideo') === '0' ? 'audio' : 'video';
    return { src: asset === null ? null : assetSource(asset), kind, nested: [] };
  }
  // A `clip` (or sync/multicam clip) points at media through its video/audio story elements,
  // possibly inside a gap, but not through the clips connected to it.
  const stories = descendants(element, new Set(['video', 'audio']), CLIP_ELEMENTS);
  const story = stories.find((candidate) => candidate.name === 'video') ?? stories[0];
  const asset = story === undefined ? null : resolve(context.resources.assets, story, 'asset', context);
  const kind = story?.name === 'video' && !audioOnly ? 'video' : stories.length > 0 ? 'audio' : 'video';
  return { src: asset === null ? null : assetSource(asset), kind, nested: [] };
}

function compoundMedia(element: XmlElement, audioOnly: boolean, context: Context): Media {
  const kind = audioOnly ? 'audio' : 'video';
  const ref = element.attrs.get('ref') ?? '';
  const media = resolve(context.resources.media, element, 'media', context);
  const spine = media === null ? null : firstChild(firstChild(media, 'sequence') ?? media, 'spine');
  if (spine === null || context.expanding.has(ref)) {
    if (context.expanding.has(ref)) {
      context.issues.push({
        message: `compound clip "${ref}" contains itself; not expanded again`,
        location: locationOf(element),
      });
    }
    return { src: null, kind, nested: [] };
  }
  // Nested clips are numbered apart from the timeline's own events.
  const inner: Context = { ...context, expanding: new Set([...context.expanding, ref]), counter: 0 };
  const nested = readContainer(spine, 0, 0, 'primary', inner).map((clip) => ({
    ...clip,
    event: `${ref}:${clip.event}`,
  }));
  return { src: null, kind, nested };
}

/** FCPXML up to 1.8 puts `src` on the asset; 1.9+ moves it to a `<media-rep>` child. */
function assetSource(asset: XmlElement): string | null {
  return asset.attrs.get('src') ?? firstChild(asset, 'media-rep')?.attrs.get('src') ?? null;
}

function resolve(
  map: ReadonlyMap<string, XmlElement>,
  element: XmlElement,
  kind: string,
  context: Context,
): XmlElement | null {
  const ref = element.attrs.get('ref');
  if (ref === undefined) return null;
  const target = map.get(ref);
  if (target === undefined) {
    context.issues.push({
      message: `ref="${ref}" names no <${kind}> in <resources>`,
      location: locationOf(element),
    });
    return null;
  }
  return target;
}

/** A transition belongs to the clip it leads into; at the end of a storyline, to the clip it leads out of. */
function adjacentTransition(
  siblings: readonly XmlElement[],
  index: number,
  context: Context,
): Transition | null {
  const before = siblings[index - 1];
  const element = before?.name === 'transition' ? before : null;
  if (element === null) {
    const after = siblings[index + 1];
    const isLast = siblings.slice(index + 2).every((sibling) => !CLIP_ELEMENTS.has(sibling.name));
    if (after?.name !== 'transition' || !isLast) return null;
    return toTransition(after, context);
  }
  return toTransition(element, context);
}

function toTransition(element: XmlElement, context: Context): Transition {
  const type = element.attrs.get('name') ?? 'transition';
  const duration = time(element, 'duration', context);
  return {
    kind: transitionKind(type),
    type,
    durationFrames: duration === null ? null : (frames(duration, context)?.frames ?? null),
  };
}

function time(element: XmlElement, attribute: string, context: Context): number | null {
  const raw = element.attrs.get(attribute);
  if (raw === undefined) return null;
  const seconds = parseRationalTime(raw);
  if (seconds === null) {
    context.issues.push({
      message: `${attribute}="${raw}" is not a rational time like "100/3000s"`,
      location: locationOf(element),
    });
  }
  return seconds;
}

function frames(seconds: number, context: Context): FrameTime | null {
  if (context.fps === null) return null;
  const value = seconds * context.fps;
  const rounded = Math.round(value);
  return { frames: Math.abs(value - rounded) < 1e-6 ? rounded : value, rate: context.fps };
}
