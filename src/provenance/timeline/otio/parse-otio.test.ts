import { describe, expect, it } from 'vitest';
import type { Timeline } from '../model.js';
import { parseOtio } from './parse-otio.js';

const rt = (value: number, rate = 24) => ({ OTIO_SCHEMA: 'RationalTime.1', value, rate });
const range = (start: number, duration: number) => ({
  OTIO_SCHEMA: 'TimeRange.1',
  start_time: rt(start),
  duration: rt(duration),
});
const clip = (name: string, duration: number, reference: object) => ({
  OTIO_SCHEMA: 'Clip.1',
  name,
  source_range: range(0, duration),
  media_reference: reference,
});
const external = (url: string) => ({ OTIO_SCHEMA: 'ExternalReference.1', target_url: url });

function timeline(json: unknown): Timeline {
  const result = parseOtio(JSON.stringify(json));
  if (!result.ok) throw new Error(result.error.message);
  return result.timeline;
}

const SAMPLE = {
  OTIO_SCHEMA: 'Timeline.1',
  name: 'cut',
  tracks: {
    OTIO_SCHEMA: 'Stack.1',
    children: [
      {
        OTIO_SCHEMA: 'Track.1',
        kind: 'Video',
        children: [
          clip('a', 10, external('file:///media/a%20b.mov')),
          { OTIO_SCHEMA: 'Gap.1', source_range: range(0, 5) },
          {
            OTIO_SCHEMA: 'Transition.1',
            transition_type: 'SMPTE_Dissolve',
            in_offset: rt(3),
            out_offset: rt(3),
          },
          clip('b', 3, external('/plain/path/b.mov')),
          { OTIO_SCHEMA: 'Stack.1', children: [clip('in stack', 4, { OTIO_SCHEMA: 'MissingReference.1' })] },
          {
            OTIO_SCHEMA: 'Track.1',
            kind: 'Video',
            children: [clip('in track', 2, { OTIO_SCHEMA: 'GeneratorReference.1', generator_kind: 'Slug' })],
          },
        ],
      },
      {
        OTIO_SCHEMA: 'Track.1',
        kind: 'Audio',
        children: [clip('mix', 8, external('file://localhost/D%3a/audio/mix.wav'))],
      },
    ],
  },
};

describe('parseOtio', () => {
  it('finds clips in nested stacks and tracks with record times laid out as OTIO does', () => {
    const parsed = timeline(SAMPLE);
    expect(parsed.fps).toBe(24);
    expect(parsed.clips.map((c) => [c.name, c.track, c.recordIn?.frames, c.recordOut?.frames])).toEqual([
      ['a', 'V1', 0, 10],
      ['b', 'V1', 15, 18],
      ['in stack', 'V1', 18, 22],
      ['in track', 'V1', 22, 24],
      ['mix', 'A1', 0, 8],
    ]);
  });

  it('decodes file URLs, marks generators and attaches a transition to the clip after it', () => {
    const [a, b, inStack, inTrack, mix] = timeline(SAMPLE).clips;
    expect(a?.sourceFile).toBe('/media/a b.mov');
    expect(mix).toMatchObject({ kind: 'audio', sourceFile: 'D:/audio/mix.wav' });
    expect(b).toMatchObject({
      sourceFile: '/plain/path/b.mov',
      transition: { kind: 'dissolve', type: 'SMPTE_Dissolve', durationFrames: 6 },
    });
    expect(inStack).toMatchObject({ sourceFile: null, isGenerator: false, transition: null });
    expect(inTrack?.isGenerator).toBe(true);
    expect(a?.location.path).toBe('$.tracks.children[0].children[0]');
  });

  it('reads the active reference of a Clip.2', () => {
    const parsed = timeline({
      ...SAMPLE,
      tracks: {
        OTIO_SCHEMA: 'Stack.1',
        children: [
          {
            OTIO_SCHEMA: 'Track.1',
            kind: 'Video',
            children: [
              {
                OTIO_SCHEMA: 'Clip.2',
                name: 'c2',
                source_range: range(0, 1),
                media_references: {
                  DEFAULT_MEDIA: external('file:///x/default.mov'),
                  proxy: external('file:///x/proxy.mov'),
                },
                active_media_reference_key: 'proxy',
              },
            ],
          },
        ],
      },
    });
    expect(parsed.clips[0]?.sourceFile).toBe('/x/proxy.mov');
  });

  it('names the JSON path of an invalid object', () => {
    const broken = structuredClone(SAMPLE);
    (broken.tracks.children[1]?.children[0] as { source_range: unknown }).source_range = {
      start_time: rt(0),
      duration: { value: 'x', rate: 24 },
    };
    const result = parseOtio(JSON.stringify(broken));
    expect(result.ok).toBe(true);
    expect(result.issues[0]?.location.path).toBe(
      '$.tracks.children[1].children[0].source_range.duration.value',
    );
  });

  it('rejects JSON that is not an OTIO timeline, and text that is not JSON', () => {
    const notTimeline = parseOtio('{"OTIO_SCHEMA":"Clip.1"}');
    expect(notTimeline.ok).toBe(false);
    if (!notTimeline.ok) expect(notTimeline.error.location.path).toBe('$.OTIO_SCHEMA');
    const notJson = parseOtio('{"OTIO_SCHEMA":');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error.message).toMatch(/^not valid JSON/);
  });
});
