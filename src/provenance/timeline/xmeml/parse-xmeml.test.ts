import { describe, expect, it } from 'vitest';
import { countEvents } from '../model.js';
import { parseXmeml } from './parse-xmeml.js';

const rate = (timebase: number, ntsc: boolean) =>
  `<rate><timebase>${timebase}</timebase><ntsc>${ntsc ? 'TRUE' : 'FALSE'}</ntsc></rate>`;

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<xmeml version="4">
<sequence id="sequence-1">
  <name>reel 1</name>${rate(24, true)}
  <timecode><displayformat>NDF</displayformat></timecode>
  <media>
    <video>
      <track>
        <clipitem id="c1"><name>plate</name><start>0</start><end>48</end><in>0</in><out>48</out>
          <file id="file-1"><name>plate.mov</name><pathurl>file://localhost/D%3a/media/plate.mov</pathurl></file>
        </clipitem>
        <transitionitem><start>40</start><end>56</end><effect><name>Cross Dissolve</name></effect></transitionitem>
        <clipitem id="c2"><name>plate again</name><start>-1</start><end>96</end><file id="file-1"/></clipitem>
        <generatoritem id="g1"><name>Color</name><start>96</start><end>120</end></generatoritem>
      </track>
      <track>
        <clipitem id="c3"><name>nest</name><start>0</start><end>24</end>
          <sequence id="sequence-2"><name>nest</name>${rate(24, true)}<media><video><track>
            <clipitem id="c4"><name>gen</name><start>0</start><end>24</end><file id="file-2"><name>gen.mov</name><pathurl>file:///gen.mov</pathurl></file></clipitem>
          </track></video></media></sequence>
        </clipitem>
        <clipitem id="c5"><name>bars</name><start>24</start><end>48</end><file id="file-3"><name>Bars</name><mediaSource>Slug</mediaSource></file></clipitem>
      </track>
    </video>
    <audio><track><clipitem id="a1"><name>vo</name><start>0</start><end>10</end><file id="file-9"/></clipitem></track></audio>
  </media>
</sequence>
</xmeml>`;

describe('parseXmeml', () => {
  it('reads timebase + ntsc as 23.976 and counts clipitems and generatoritems of the top sequence', () => {
    const result = parseXmeml(SAMPLE);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.timeline.fps).toBe(23.976);
    expect(result.timeline.name).toBe('reel 1');
    expect(countEvents(result.timeline)).toBe(6);
    expect(result.timeline.clips.map((clip) => [clip.name, clip.track, clip.kind, clip.isGenerator])).toEqual(
      [
        ['plate', 'V1', 'video', false],
        ['plate again', 'V1', 'video', false],
        ['Color', 'V1', 'video', true],
        ['nest', 'V2', 'video', false],
        ['bars', 'V2', 'video', true],
        ['vo', 'A1', 'audio', false],
      ],
    );
  });

  it('resolves file references by id, nests sequences and takes -1 starts from the transition', () => {
    const result = parseXmeml(SAMPLE);
    if (!result.ok) throw new Error(result.error.message);
    const [plate, again, , nest] = result.timeline.clips;
    expect(plate?.sourceFile).toBe('D:/media/plate.mov');
    expect(again?.sourceFile).toBe('D:/media/plate.mov');
    expect(again?.recordIn?.frames).toBe(40);
    expect(again?.transition).toEqual({ kind: 'dissolve', type: 'Cross Dissolve', durationFrames: 16 });
    expect(nest?.nested.map((clip) => clip.sourceFile)).toEqual(['/gen.mov']);
  });

  it('reports a file id defined nowhere, naming the element', () => {
    const result = parseXmeml(SAMPLE);
    expect(result.issues).toEqual([
      {
        message: '<file id="file-9"> refers to no file defined in the document',
        location: { path: '/xmeml/sequence/media/audio/track/clipitem/file', line: 25 },
      },
    ]);
  });

  it('fails on a document without a sequence', () => {
    const result = parseXmeml('<xmeml version="4"><project/></xmeml>');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('no <sequence> in the file');
  });
});
