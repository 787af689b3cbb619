import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { framesToTimecode, parseTimecode, supportsDropFrame } from './timecode.js';

const NTSC = 30000 / 1001;

function frames(text: string, fps: number, dropFrame = false): number {
  const result = parseTimecode(text, fps, dropFrame);
  if (!result.ok) throw new Error(result.reason);
  return result.frames;
}

describe('drop-frame timecode', () => {
  it('counts 29.97 DF against the published values', () => {
    expect(frames('00:00:59;29', NTSC)).toBe(1799);
    expect(frames('00:01:00;02', NTSC)).toBe(1800);
    expect(frames('00:02:00;02', NTSC)).toBe(3598);
    expect(frames('00:10:00;00', NTSC)).toBe(17982);
    expect(frames('01:00:00;00', NTSC)).toBe(107892);
  });

  it('uses drop-frame counting for `:` timecodes when the EDL says FCM: DROP FRAME', () => {
    expect(frames('00:10:00:00', NTSC, true)).toBe(17982);
    expect(frames('00:10:00:00', NTSC, false)).toBe(18000);
  });

  it('counts 59.94 DF by dropping four frame numbers a minute', () => {
    expect(frames('00:01:00;04', 60000 / 1001)).toBe(3600);
    expect(frames('00:10:00;00', 60000 / 1001)).toBe(35964);
  });

  it('refuses frame numbers that drop-frame skips', () => {
    const result = parseTimecode('00:01:00;00', NTSC);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/skipped/);
  });

  it('refuses drop-frame at rates that have none', () => {
    expect(supportsDropFrame(24)).toBe(false);
    expect(parseTimecode('00:00:01;00', 24).ok).toBe(false);
  });

  it('formats frames back to the timecode editors expect', () => {
    expect(framesToTimecode(1800, NTSC, true)).toBe('00:01:00;02');
    expect(framesToTimecode(17982, NTSC, true)).toBe('00:10:00;00');
    expect(framesToTimecode(86400, 24, false)).toBe('01:00:00:00');
  });

  it('round-trips every frame count in a day at 29.97 DF and 25 NDF', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 107892 - 1 }), fc.boolean(), (count, drop) => {
        const fps = drop ? NTSC : 25;
        expect(frames(framesToTimecode(count, fps, drop), fps, drop)).toBe(count);
      }),
    );
  });
});

describe('non-drop timecode', () => {
  it('rejects a frame field at or above the rate', () => {
    const result = parseTimecode('01:00:00:24', 24);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/frame 24 does not exist at 24 fps/);
  });

  it('rejects text that is not a timecode', () => {
    expect(parseTimecode('1:2:3', 24).ok).toBe(false);
  });
});
