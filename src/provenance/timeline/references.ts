import { baseName } from './file-url.js';
import type { Timeline, TimelineClip } from './model.js';

/** One clip that points at media, with the clip chain that puts it on screen (compound -> inner clip). */
export type MediaReference = {
  readonly clip: TimelineClip;
  /** Outermost first: for a clip inside a compound clip, the ref-clip then the inner clip. */
  readonly via: readonly TimelineClip[];
  /** Names the media could go by on disk: the source file's base name, else the clip name and reel. */
  readonly names: readonly string[];
};

/** Every media reference on the timeline, nested ones included; generators have no media and are left out. */
export function mediaReferences(timeline: Timeline): MediaReference[] {
  const out: MediaReference[] = [];
  const visit = (clip: TimelineClip, via: readonly TimelineClip[]) => {
    const chain = [...via, clip];
    if (!clip.isGenerator && clip.nested.length === 0) {
      const names =
        clip.sourceFile !== null
          ? [baseName(clip.sourceFile)]
          : [clip.name, clip.reel].filter((name): name is string => name !== null && name !== '');
      if (names.length > 0) out.push({ clip, via: chain, names });
    }
    for (const inner of clip.nested) visit(inner, chain);
  };
  for (const clip of timeline.clips) visit(clip, []);
  return out;
}
