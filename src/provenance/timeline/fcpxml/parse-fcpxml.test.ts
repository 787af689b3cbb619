import { describe, expect, it } from 'vitest';
import { countEvents } from '../model.js';
import { parseFcpxml } from './parse-fcpxml.js';
import { parseRationalTime } from './rational-time.js';

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE fcpxml>
<fcpxml version="1.10">
  <resources>
    <format id="r1" frameDuration="1001/24000s"/>
    <asset id="r2" name="plate" hasVideo="1"><media-rep kind="original-media" src="file:///Volumes/A/plate%2001.mov"/></asset>
    <asset id="r3" name="gen" src="file:///Volumes/A/genfill.mov" hasVideo="1"/>
    <asset id="r4" name="vo" src="file:///Volumes/A/vo.wav" hasVideo="0" hasAudio="1"/>
    <media id="r5" name="compound">
      <sequence format="r1"><spine><asset-clip name="inner" ref="r3" offset="0s" duration="1s"/></spine></sequence>
    </media>
  </resources>
  <library><event name="e"><project name="cut">
    <sequence format="r1" tcFormat="NDF"><spine>
      <asset-clip name="plate" ref="r2" offset="0s" start="10s" duration="2s">
        <asset-clip name="vo" ref="r4" lane="-1" offset="11s" duration="1s"/>
      </asset-clip>
      <transition name="Cross Dissolve" offset="1s" duration="1001/24000s"/>
      <ref-clip name="compound" ref="r5" offset="2s" duration="1s"/>
      <gap name="Gap" offset="3s" duration="2s" start="3600s">
        <clip name="gen clip" lane="1" offset="3601s" duration="1s"><video ref="r3" offset="0s" duration="1s"/></clip>
      </gap>
    </spine></sequence>
  </project></event></library>
</fcpxml>`;

describe('parseRationalTime', () => {
  it('reads whole and rational seconds and nothing else', () => {
    expect(parseRationalTime('100/3000s')).toBeCloseTo(1 / 30);
    expect(parseRationalTime('3600s')).toBe(3600);
    expect(parseRationalTime('1/0s')).toBeNull();
    expect(parseRationalTime('12')).toBeNull();
  });
});

describe('parseFcpxml', () => {
  it('counts spine and connected clips and resolves assets, including 1.9+ media-rep', () => {
    const result = parseFcpxml(SAMPLE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { timeline } = result;
    expect(timeline.fps).toBe(23.976);
    expect(countEvents(timeline)).toBe(4);
    expect(timeline.clips.map((clip) => [clip.name, clip.sourceFile, clip.track, clip.kind])).toEqual([
      ['plate', '/Volumes/A/plate 01.mov', 'primary', 'video'],
      ['vo', '/Volumes/A/vo.wav', 'lane -1', 'audio'],
      ['compound', null, 'primary', 'video'],
      ['gen clip', '/Volumes/A/genfill.mov', 'lane 1', 'video'],
    ]);
  });

  it('places connected clips in the parent clip time and lists compound content as nested', () => {
    const result = parseFcpxml(SAMPLE);
    if (!result.ok) throw new Error(result.error.message);
    const [plate, vo, compound, gen] = result.timeline.clips;
    const seconds = (frames: number | undefined) => ((frames ?? Number.NaN) * 1001) / 24000;
    expect(seconds(vo?.recordIn?.frames)).toBeCloseTo(1, 2);
    expect(seconds(gen?.recordIn?.frames)).toBeCloseTo(4, 2);
    expect(plate?.transition).toBeNull();
    expect(compound?.transition?.kind).toBe('dissolve');
    expect(compound?.nested.map((clip) => clip.sourceFile)).toEqual(['/Volumes/A/genfill.mov']);
  });

  it('reports a dangling ref by element path and line', () => {
    const result = parseFcpxml(SAMPLE.replace('ref="r4"', 'ref="r99"'));
    expect(result.issues).toContainEqual({
      message: 'ref="r99" names no <asset> in <resources>',
      location: { path: '/fcpxml/library/event/project/sequence/spine/asset-clip/asset-clip', line: 16 },
    });
  });

  it('names the line of malformed XML and the element of a wrong root', () => {
    const broken = parseFcpxml('<fcpxml>\n<resources>\n</fcpxml>');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.location.line).toBe(3);
    const wrongRoot = parseFcpxml('<xmeml/>');
    expect(wrongRoot.ok).toBe(false);
    if (!wrongRoot.ok)
      expect(wrongRoot.error.message).toMatch(/expected an <fcpxml> root element, found <xmeml>/);
  });
});
