import { describe, expect, it } from 'vitest';
import type { Timeline } from '../model.js';
import { countEvents } from '../model.js';
import { parseEdl } from './parse-edl.js';

function timeline(text: string, fps?: number): Timeline {
  const result = parseEdl(text, fps === undefined ? {} : { fps });
  if (!result.ok) throw new Error(result.error.message);
  return result.timeline;
}

const DROP_FRAME_EDL = [
  'TITLE: DF_REEL_1',
  'FCM: DROP FRAME',
  '',
  '001  A001C003 V     C        00:59:59;28 01:00:10;00 00:01:00;02 00:01:10;04',
  '* FROM CLIP NAME: A001C003_230101.mov',
  '* SOURCE FILE: /media/day1/A001C003_230101.mov',
  '002  B002C010 V     D    030 00:10:00;00 00:10:05;00 00:01:10;04 00:01:15;04',
  '* TO CLIP NAME: B002C010.mov',
  'M2   B002C010       059.9                00:10:00;00',
].join('\r\n');

describe('parseEdl: drop-frame', () => {
  it('reads FCM: DROP FRAME and `;` timecodes at 29.97 fps', () => {
    const parsed = timeline(DROP_FRAME_EDL);
    expect(parsed.dropFrame).toBe(true);
    expect(parsed.fps).toBeCloseTo(29.97, 2);
    expect(parsed.fpsSource).toBe('fcm');
    const [first, second] = parsed.clips;
    expect(first?.recordIn?.frames).toBe(1800);
    expect(first?.recordOut?.frames).toBe(2102);
    expect(second?.sourceIn?.frames).toBe(17982);
  });

  it('keeps clip name, source file, transition and speed per event', () => {
    const [first, second] = timeline(DROP_FRAME_EDL).clips;
    expect(first).toMatchObject({
      event: '001',
      reel: 'A001C003',
      name: 'A001C003_230101.mov',
      sourceFile: '/media/day1/A001C003_230101.mov',
      transition: null,
    });
    expect(second).toMatchObject({ event: '002', name: 'B002C010.mov', speedFps: 59.9 });
    expect(second?.transition).toEqual({ kind: 'dissolve', type: 'D', durationFrames: 30 });
    expect(first?.location.line).toBe(4);
  });

  it('counts drop-frame `:` timecodes as drop-frame when FCM says so', () => {
    const parsed = timeline('FCM: DROP FRAME\n001  AX V C 00:10:00:00 00:10:01:00 00:10:00:00 00:10:01:00\n');
    expect(parsed.clips[0]?.recordIn?.frames).toBe(17982);
  });
});

describe('parseEdl: structure', () => {
  it('treats a two-line transition as one event with the outgoing clip named by FROM CLIP NAME', () => {
    const parsed = timeline(
      [
        'FCM: NON-DROP FRAME',
        '002  TST V     C        01:00:04:14 01:00:04:14 01:00:00:09 01:00:00:09',
        '002  TST V     W001    010 01:00:08:08 01:00:08:18 01:00:00:09 01:00:00:19',
        '* FROM CLIP NAME:  clip_A',
        '* TO CLIP NAME:  clip_B',
        '005  TST V     C        01:00:08:18 01:00:08:19 01:00:00:19 01:00:00:20',
      ].join('\n'),
    );
    expect(countEvents(parsed)).toBe(2);
    expect(parsed.clips.map((clip) => clip.name)).toEqual(['clip_A', 'clip_B', null]);
    expect(parsed.clips[1]?.transition).toEqual({ kind: 'wipe', type: 'W001', durationFrames: 10 });
  });

  it('reads key transitions and audio channels', () => {
    const parsed = timeline('001  BL A2 K B 015 00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00\n');
    expect(parsed.clips[0]).toMatchObject({ kind: 'audio', track: 'A2', isGenerator: true });
    expect(parsed.clips[0]?.transition).toEqual({ kind: 'key', type: 'K B', durationFrames: 15 });
  });

  it('infers 25 fps from a frame field of 24 and 30 fps from higher ones', () => {
    expect(timeline('001 AX V C 00:00:00:24 00:00:01:00 00:00:00:00 00:00:00:01\n').fps).toBe(25);
    expect(timeline('001 AX V C 00:00:00:29 00:00:01:00 00:00:00:00 00:00:00:01\n').fps).toBe(30);
    expect(timeline('001 AX V C 00:00:00:10 00:00:01:00 00:00:00:00 00:00:00:01\n').fps).toBe(24);
    expect(timeline('001 AX V C 00:00:00:10 00:00:01:00 00:00:00:00 00:00:00:01\n', 48).fpsSource).toBe(
      'option',
    );
  });
});

describe('parseEdl: bad input', () => {
  it('reports garbage lines by number and keeps the good events', () => {
    const result = parseEdl(
      [
        'TITLE: x',
        '001  AX V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00',
        'lorem ipsum dolor',
        '002  AX V C 01:00:00:00 nope',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    expect(result.issues.map((issue) => issue.location.line)).toEqual([3, 4]);
    expect(result.issues[0]?.message).toMatch(/unrecognised line "lorem ipsum dolor"/);
    if (result.ok) expect(result.timeline.clips).toHaveLength(1);
  });

  it('names the line of an impossible timecode and skips that edit', () => {
    const result = parseEdl(
      '001 AX V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n002 AX V C 01:61:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n',
      { fps: 24 },
    );
    expect(result.issues).toEqual([
      { message: expect.stringMatching(/^event 002: minutes and seconds/), location: { line: 2 } },
    ]);
  });

  it('fails with a fix-it message when there is no event at all', () => {
    const result = parseEdl('hello\nworld');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/no edit events found/);
  });
});
