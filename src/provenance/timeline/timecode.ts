/**
 * SMPTE timecode <-> frame count, including drop-frame. Drop-frame keeps 29.97 (and 59.94) fps
 * timecode close to wall-clock time by skipping frame numbers 0-1 (0-3 at 59.94) at the start of
 * every minute except each tenth minute; no actual frames are dropped.
 */

export type Timecode = {
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly frames: number;
};

export type TimecodeResult =
  | { readonly ok: true; readonly frames: number; readonly dropFrame: boolean }
  | { readonly ok: false; readonly reason: string };

const TIMECODE = /^(\d{1,2}):(\d{2}):(\d{2})([:;.,])(\d{2,3})$/;

/** Nominal (integer) frame rate: 30 for 29.97, 24 for 23.976. */
export function nominalRate(fps: number): number {
  return Math.round(fps);
}

/** Frame numbers skipped per minute in drop-frame, or 0 when the rate has no drop-frame form. */
function dropPerMinute(fps: number): number {
  const nominal = nominalRate(fps);
  return nominal % 30 === 0 && Math.abs(fps - nominal) > 0.001 ? nominal / 15 : 0;
}

/** True when drop-frame timecode exists at this rate (29.97, 59.94). */
export function supportsDropFrame(fps: number): boolean {
  return dropPerMinute(fps) > 0;
}

/** True when `text` is written with a drop-frame separator (`;` `.` or `,` before the frames). */
export function isDropFrameNotation(text: string): boolean {
  const match = TIMECODE.exec(text);
  return match !== null && match[4] !== ':';
}

/**
 * Parses `HH:MM:SS:FF` (non-drop) or `HH:MM:SS;FF` (drop-frame). `dropFrame` forces drop-frame
 * counting even with a `:` separator, which is how EDLs marked `FCM: DROP FRAME` are often written.
 */
export function parseTimecode(text: string, fps: number, dropFrame = false): TimecodeResult {
  const match = TIMECODE.exec(text);
  if (match === null) return { ok: false, reason: `"${text}" is not a timecode (expected HH:MM:SS:FF)` };
  const [, h, m, s, separator, f] = match;
  const useDrop = dropFrame || separator !== ':';
  return timecodeToFrames(
    { hours: Number(h), minutes: Number(m), seconds: Number(s), frames: Number(f) },
    fps,
    useDrop,
  );
}

export function timecodeToFrames(tc: Timecode, fps: number, dropFrame: boolean): TimecodeResult {
  const nominal = nominalRate(fps);
  if (!(nominal > 0)) return { ok: false, reason: `frame rate ${fps} is not positive` };
  if (tc.minutes > 59 || tc.seconds > 59) return { ok: false, reason: 'minutes and seconds must be 00-59' };
  if (tc.frames >= nominal) {
    return {
      ok: false,
      reason: `frame ${tc.frames} does not exist at ${fps} fps (frames run 0-${nominal - 1})`,
    };
  }
  const totalMinutes = tc.hours * 60 + tc.minutes;
  const counted = (totalMinutes * 60 + tc.seconds) * nominal + tc.frames;
  if (!dropFrame) return { ok: true, frames: counted, dropFrame: false };
  const drop = dropPerMinute(fps);
  if (drop === 0)
    return { ok: false, reason: `drop-frame timecode does not exist at ${fps} fps (only 29.97 and 59.94)` };
  if (tc.seconds === 0 && tc.frames < drop && tc.minutes % 10 !== 0) {
    return {
      ok: false,
      reason: `frames 00-${String(drop - 1).padStart(2, '0')} are skipped at the start of minute ${tc.minutes} in drop-frame`,
    };
  }
  const skipped = drop * (totalMinutes - Math.floor(totalMinutes / 10));
  return { ok: true, frames: counted - skipped, dropFrame: true };
}

/** Formats a frame count as timecode; drop-frame uses `;` before the frames, as CMX3600 writers do. */
export function framesToTimecode(frames: number, fps: number, dropFrame: boolean): string {
  const nominal = nominalRate(fps);
  let count = Math.max(0, Math.round(frames));
  const drop = dropFrame ? dropPerMinute(fps) : 0;
  if (drop > 0) {
    const perTenMinutes = nominal * 600 - drop * 9;
    const perMinute = nominal * 60 - drop;
    const tens = Math.floor(count / perTenMinutes);
    const rest = count % perTenMinutes;
    count += drop * 9 * tens + (rest > drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
  }
  const ff = count % nominal;
  const totalSeconds = Math.floor(count / nominal);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hh = Math.floor(totalSeconds / 3600);
  const mm = Math.floor(totalSeconds / 60) % 60;
  const ss = totalSeconds % 60;
  return `${pad(hh)}:${pad(mm)}:${pad(ss)}${drop > 0 ? ';' : ':'}${pad(ff)}`;
}
