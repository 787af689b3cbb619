import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExpected, sharedPath } from '../testing/shared-fixtures.js';
import { baseName } from './file-url.js';
import type { Timeline } from './model.js';
import { countEvents } from './model.js';
import { parseTimeline } from './parse-timeline.js';
import { mediaReferences } from './references.js';

const expected = loadExpected().timelines;

function parseFixture(name: string): Timeline {
  const result = parseTimeline(name, readFileSync(sharedPath('timelines', name), 'utf8'));
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.timeline;
}

describe('real editorial timelines from ../shared/fixtures/timelines', () => {
  const names = Object.keys(expected);

  it('covers every timeline fixture', () => {
    expect(names).toHaveLength(14);
  });

  for (const name of names) {
    const facts = expected[name];
    if (facts === undefined) continue;
    it(`${name}: ${facts.events} events at ${facts.fps} fps, every referenced media named`, () => {
      const timeline = parseFixture(name);
      expect(timeline.format).toBe(facts.format);
      expect(countEvents(timeline)).toBe(facts.events);
      expect(timeline.fps).toBeCloseTo(facts.fps, 3);
      expect(timeline.dropFrame).toBe(facts.dropFrame);
      const named = new Set(
        mediaReferences(timeline).flatMap((reference) => [
          ...reference.names,
          ...[reference.clip.name, reference.clip.sourceFile]
            .filter((value): value is string => value !== null)
            .map(baseName),
        ]),
      );
      for (const reference of facts.references) expect(named).toContain(reference);
    });
  }

  it('screening_example.edl: clip names and SOURCE FILE comments land on their events', () => {
    const timeline = parseFixture('screening_example.edl');
    expect(timeline.name).toBe('Example_Screening.01');
    expect(timeline.clips[0]).toMatchObject({
      event: '001',
      name: 'ZZ100_501 (LAY3)',
      sourceFile: 'ZZ100_501.LAY3.01',
      location: { line: 4 },
    });
  });

  it('dissolve_test_4.edl: two dissolves, and the jump from event 005 to 060', () => {
    const timeline = parseFixture('dissolve_test_4.edl');
    expect(timeline.clips.filter((clip) => clip.transition !== null).map((clip) => clip.transition)).toEqual([
      { kind: 'dissolve', type: 'D', durationFrames: 35 },
      { kind: 'dissolve', type: 'D', durationFrames: 64 },
    ]);
    expect(timeline.clips.map((clip) => clip.event).slice(-2)).toEqual(['005', '060']);
  });

  it('speed_effects_small.edl: two freeze frames and one 47.6 fps retime', () => {
    const speeds = parseFixture('speed_effects_small.edl').clips.map((clip) => clip.speedFps);
    expect(speeds).toEqual([null, 0, 0, null, 47.6]);
  });

  it('premiere_example.xml: the three nest clipitems list the nested sequence clips', () => {
    const nests = parseFixture('premiere_example.xml').clips.filter((clip) => clip.nested.length > 0);
    expect(nests).toHaveLength(3);
    expect(nests[0]?.nested.map((clip) => baseName(clip.sourceFile ?? ''))).toContain('sc01_sh030_anim.mov');
  });

  it('premiere_generators.xml: nothing on disk to match, every item is a generator or slug', () => {
    const timeline = parseFixture('premiere_generators.xml');
    expect(mediaReferences(timeline)).toEqual([]);
    expect(timeline.clips.every((clip) => clip.isGenerator)).toBe(true);
  });

  it('premiere_example.otio: the Slug is a generator and Windows URLs decode to drive paths', () => {
    const timeline = parseFixture('premiere_example.otio');
    expect(timeline.clips.filter((clip) => clip.isGenerator).map((clip) => clip.name)).toEqual([
      'test_title',
    ]);
    expect(timeline.clips.find((clip) => clip.sourceFile !== null)?.sourceFile).toBe(
      'D:/media/sc01_sh010_anim.mov',
    );
  });
});
