import type { FrameTime, Timeline, TimelineClip } from '../model.js';

/**
 * Writes a timeline as OTIO JSON: one Track per track label, clips in record order with Gaps for
 * the holes between them and a Transition before each clip that has one. Overlapping clips on one
 * track cannot be expressed in a Track and are laid end to end.
 */
export function writeOtio(timeline: Timeline): string {
  const rate = timeline.fps ?? 24;
  const byTrack = new Map<string, TimelineClip[]>();
  for (const clip of timeline.clips) {
    const list = byTrack.get(clip.track) ?? [];
    list.push(clip);
    byTrack.set(clip.track, list);
  }
  const tracks = [...byTrack.entries()].map(([label, clips]) => writeTrack(label, clips, rate));
  return JSON.stringify(
    {
      OTIO_SCHEMA: 'Timeline.1',
      name: timeline.name ?? '',
      metadata: {},
      global_start_time: time(0, rate),
      tracks: {
        OTIO_SCHEMA: 'Stack.1',
        name: 'tracks',
        metadata: {},
        children: tracks,
        effects: [],
        markers: [],
      },
    },
    null,
    2,
  );
}

function writeTrack(label: string, clips: readonly TimelineClip[], rate: number): object {
  const children: object[] = [];
  let cursor = 0;
  const sorted = [...clips].sort((a, b) => frames(a.recordIn, rate) - frames(b.recordIn, rate));
  for (const clip of sorted) {
    const start = frames(clip.recordIn, rate);
    const length = Math.max(0, frames(clip.recordOut, rate) - start);
    if (start > cursor)
      children.push({ OTIO_SCHEMA: 'Gap.1', name: '', source_range: range(0, start - cursor, rate) });
    if (clip.transition !== null) {
      const half = (clip.transition.durationFrames ?? 0) / 2;
      children.push({
        OTIO_SCHEMA: 'Transition.1',
        name: clip.transition.type,
        transition_type: clip.transition.type,
        in_offset: time(half, rate),
        out_offset: time(half, rate),
      });
    }
    children.push(writeClip(clip, length, rate));
    cursor = Math.max(cursor, start) + length;
  }
  return {
    OTIO_SCHEMA: 'Track.1',
    name: label,
    kind: clips[0]?.kind === 'audio' ? 'Audio' : 'Video',
    metadata: {},
    children,
  };
}

function writeClip(clip: TimelineClip, length: number, rate: number): object {
  const url = clip.sourceUrl ?? clip.sourceFile;
  const reference = clip.isGenerator
    ? {
        OTIO_SCHEMA: 'GeneratorReference.1',
        name: clip.name ?? '',
        generator_kind: clip.reel ?? 'Generator',
        parameters: {},
      }
    : url === null
      ? { OTIO_SCHEMA: 'MissingReference.1', name: '' }
      : { OTIO_SCHEMA: 'ExternalReference.1', name: '', target_url: url };
  return {
    OTIO_SCHEMA: 'Clip.1',
    name: clip.name ?? '',
    metadata: {},
    source_range: range(frames(clip.sourceIn, rate), length, rate),
    media_reference: reference,
    effects: [],
    markers: [],
  };
}

function frames(value: FrameTime | null, rate: number): number {
  return value === null ? 0 : (value.frames / value.rate) * rate;
}

function time(value: number, rate: number): object {
  return { OTIO_SCHEMA: 'RationalTime.1', value, rate };
}

function range(start: number, duration: number, rate: number): object {
  return { OTIO_SCHEMA: 'TimeRange.1', start_time: time(start, rate), duration: time(duration, rate) };
}
