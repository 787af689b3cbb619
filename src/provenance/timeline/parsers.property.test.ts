import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEdl } from './edl/parse-edl.js';
import { writeEdl } from './edl/write-edl.js';
import { parseFcpxml } from './fcpxml/parse-fcpxml.js';
import type { Timeline, TimelineClip, TimelineParseResult } from './model.js';
import { makeClip } from './model.js';
import { parseOtio } from './otio/parse-otio.js';
import { writeOtio } from './otio/write-otio.js';
import { parseTimeline } from './parse-timeline.js';
import { parseXmeml } from './xmeml/parse-xmeml.js';

const PARSERS: Record<string, (text: string) => TimelineParseResult> = {
  edl: (text) => parseEdl(text),
  otio: parseOtio,
  fcpxml: (text) => parseFcpxml(text),
  xmeml: parseXmeml,
  'by name (.xml)': (text) => parseTimeline('cut.xml', text),
};

/** Random documents built from each format's own vocabulary reach deeper than random characters. */
const XML_NAMES = [
  'fcpxml',
  'xmeml',
  'resources',
  'asset',
  'media',
  'format',
  'project',
  'sequence',
  'spine',
  'clip',
  'asset-clip',
  'ref-clip',
  'gap',
  'transition',
  'video',
  'audio',
  'track',
  'clipitem',
  'generatoritem',
  'transitionitem',
  'file',
  'pathurl',
  'name',
  'rate',
  'timebase',
  'ntsc',
  'start',
  'end',
  'media-rep',
];
const xmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc
    .tuple(
      fc.constantFrom(...XML_NAMES),
      fc.array(
        fc.tuple(
          fc.constantFrom(
            'id',
            'ref',
            'offset',
            'duration',
            'start',
            'lane',
            'src',
            'format',
            'frameDuration',
          ),
          fc.constantFrom('r1', 'r2', '0s', '100/3000s', '1/0s', '-1', 'x', 'file:///a%ZZ.mov'),
        ),
        { maxLength: 3 },
      ),
      fc.oneof(
        fc.constant(''),
        fc.constantFrom('24', 'TRUE', 'file:///x.mov', '-1'),
        fc.array(tie('node'), { maxLength: 4 }).map((kids) => kids.join('')),
      ),
    )
    .map(
      ([name, attrs, body]) => `<${name}${attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}>${body}</${name}>`,
    ),
})).node;

const EDL_LINE = fc.oneof(
  fc.constantFrom(
    'TITLE: x',
    'FCM: DROP FRAME',
    'FCM: NON-DROP FRAME',
    'FCM: ??',
    '* FROM CLIP NAME: a',
    '* TO CLIP NAME: b',
    '* SOURCE FILE: c',
    'M2 AX 025.0 01:00:00:00',
    'M2',
    '',
  ),
  fc
    .tuple(
      fc.stringMatching(/^\d{1,4}$/),
      fc.constantFrom('AX', 'BL', 'R1'),
      fc.constantFrom('V', 'A', 'A2', 'B'),
      fc.constantFrom('C', 'D 010', 'W001 005', 'K B 003', 'X'),
      fc.array(fc.stringMatching(/^\d{2}[:;]\d{2}[:;]\d{2}[:;]\d{2}$/), { minLength: 3, maxLength: 5 }),
    )
    .map(([n, reel, ch, tr, tcs]) => `${n} ${reel} ${ch} ${tr} ${tcs.join(' ')}`),
  fc.string(),
);

describe('every timeline parser returns a result, never throws', () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name}: arbitrary text and bytes`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'binary' }),
            fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
            fc.json(),
            xmlTree,
            fc.array(EDL_LINE, { maxLength: 12 }).map((lines) => lines.join('\n')),
          ),
          (text) => {
            const result = parse(text);
            expect(typeof result.ok).toBe('boolean');
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});

type Rate = { readonly fps: number; readonly dropFrame: boolean };
const RATES: Rate[] = [
  { fps: 24, dropFrame: false },
  { fps: 25, dropFrame: false },
  { fps: 30, dropFrame: false },
  { fps: 30000 / 1001, dropFrame: true },
];
const DAY_AT_30 = 24 * 3600 * 30 - 30 * 3600;
const text = (pattern: RegExp) => fc.stringMatching(pattern);

function edlTimeline(): fc.Arbitrary<Timeline> {
  const clip = (event: string, withTransition: boolean, rate: Rate) =>
    fc
      .record({
        reel: text(/^[A-Z0-9_]{1,8}$/).filter((reel) => !['BL', 'BLK', 'BLACK'].includes(reel)),
        name: fc.option(text(/^[A-Za-z0-9_.()-][A-Za-z0-9_ .()-]{0,30}[A-Za-z0-9_.()-]$/)),
        sourceFile: fc.option(text(/^[A-Za-z0-9_./-]{1,40}$/)),
        track: fc.constantFrom('V', 'A', 'A2'),
        times: fc.array(fc.integer({ min: 0, max: DAY_AT_30 }), { minLength: 4, maxLength: 4 }),
        transition: withTransition
          ? fc.record({
              type: fc.oneof(fc.constant('D'), text(/^W\d{3}$/)),
              durationFrames: fc.integer({ min: 0, max: 999 }),
            })
          : fc.constant(null),
        speedFps: fc.option(fc.integer({ min: 0, max: 999 }).map((tenths) => tenths / 10)),
      })
      .map(({ times, transition, ...fields }): TimelineClip => {
        const at = (i: number) => ({ frames: times[i] ?? 0, rate: rate.fps });
        return makeClip({
          ...fields,
          event,
          kind: fields.track === 'V' ? 'video' : 'audio',
          sourceIn: at(0),
          sourceOut: at(1),
          recordIn: at(2),
          recordOut: at(3),
          transition:
            transition === null
              ? null
              : { kind: transition.type === 'D' ? 'dissolve' : 'wipe', ...transition },
          location: {},
        });
      });
  return fc.constantFrom(...RATES).chain((rate) =>
    fc
      .array(fc.boolean(), { minLength: 1, maxLength: 15 })
      .chain((shapes) =>
        fc.tuple(
          ...shapes.map((twoLines, index) => {
            const event = String(index + 1).padStart(3, '0');
            return twoLines
              ? fc.tuple(clip(event, false, rate), clip(event, true, rate))
              : fc.tuple(clip(event, false, rate));
          }),
        ),
      )
      .map(
        (groups): Timeline => ({
          format: 'edl',
          name: 'ROUND TRIP',
          fps: rate.fps,
          dropFrame: rate.dropFrame,
          fpsSource: 'option',
          clips: groups.flat(),
        }),
      ),
  );
}

/** The fields a format can carry; `location` and rates legitimately differ after a round trip. */
function comparable(clip: TimelineClip) {
  return {
    event: clip.event,
    name: clip.name,
    reel: clip.reel,
    sourceFile: clip.sourceFile,
    kind: clip.kind,
    track: clip.track,
    frames: [clip.sourceIn, clip.sourceOut, clip.recordIn, clip.recordOut].map(
      (time) => time?.frames ?? null,
    ),
    transition: clip.transition,
    speedFps: clip.speedFps,
  };
}

describe('round trips', () => {
  it('EDL: write a generated timeline, parse it back, get the same events (drop-frame included)', () => {
    fc.assert(
      fc.property(edlTimeline(), (timeline) => {
        const result = parseEdl(writeEdl(timeline), { fps: timeline.fps ?? 24 });
        if (!result.ok) throw new Error(result.error.message);
        expect(result.issues).toEqual([]);
        expect(result.timeline.dropFrame).toBe(timeline.dropFrame);
        expect(result.timeline.name).toBe(timeline.name);
        expect(result.timeline.clips.map(comparable)).toEqual(timeline.clips.map(comparable));
      }),
      { numRuns: 80 },
    );
  });

  it('OTIO: write a generated timeline, parse it back, get the same clips, media and record times', () => {
    const trackClips = (kind: 'video' | 'audio', label: string) =>
      fc
        .array(
          fc.record({
            gap: fc.integer({ min: 0, max: 50 }),
            length: fc.integer({ min: 1, max: 500 }),
            sourceIn: fc.integer({ min: 0, max: 10_000 }),
            name: fc.string({ maxLength: 20 }),
            file: fc.option(text(/^[A-Za-z0-9_ %#?-]{1,20}\.(mov|wav|exr)$/)),
            transition: fc.option(fc.integer({ min: 0, max: 24 }).map((half) => half * 2)),
          }),
          { minLength: 1, maxLength: 6 },
        )
        .map((specs) => ({ kind, label, specs }));
    const arbitrary = fc
      .tuple(fc.constantFrom(24, 25, 30, 48), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }))
      .chain(([fps, videos, audios]) =>
        fc
          .tuple(
            ...Array.from({ length: videos }, (_, i) => trackClips('video', `V${i + 1}`)),
            ...Array.from({ length: audios }, (_, i) => trackClips('audio', `A${i + 1}`)),
          )
          .map((tracks): Timeline => {
            let event = 0;
            const clips = tracks.flatMap(({ kind, label, specs }) => {
              let cursor = 0;
              return specs.map((spec) => {
                const recordIn = cursor + spec.gap;
                cursor = recordIn + spec.length;
                event += 1;
                const path = spec.file === null ? null : `/media/${spec.file}`;
                return makeClip({
                  event: String(event),
                  name: spec.name,
                  sourceFile: path,
                  sourceUrl:
                    path === null
                      ? null
                      : `file://${encodeURI(path).replaceAll('#', '%23').replaceAll('?', '%3F')}`,
                  kind,
                  track: label,
                  sourceIn: { frames: spec.sourceIn, rate: fps },
                  sourceOut: { frames: spec.sourceIn + spec.length, rate: fps },
                  recordIn: { frames: recordIn, rate: fps },
                  recordOut: { frames: cursor, rate: fps },
                  transition:
                    spec.transition === null
                      ? null
                      : { kind: 'dissolve', type: 'SMPTE_Dissolve', durationFrames: spec.transition },
                  location: {},
                });
              });
            });
            return { format: 'otio', name: 'round trip', fps, dropFrame: false, fpsSource: 'file', clips };
          }),
      );
    fc.assert(
      fc.property(arbitrary, (timeline) => {
        const result = parseOtio(writeOtio(timeline));
        if (!result.ok) throw new Error(result.error.message);
        expect(result.issues).toEqual([]);
        expect(result.timeline.fps).toBe(timeline.fps);
        const keep = (clip: TimelineClip) => ({ ...comparable(clip), sourceUrl: clip.sourceUrl });
        expect(result.timeline.clips.map(keep)).toEqual(timeline.clips.map(keep));
      }),
      { numRuns: 200 },
    );
  });
});
