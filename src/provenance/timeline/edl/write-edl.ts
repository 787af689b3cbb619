import type { FrameTime, Timeline, TimelineClip } from '../model.js';
import { framesToTimecode } from '../timecode.js';

/**
 * Writes a timeline as CMX3600. Used for round-trip tests and for handing a reconciled cut back to
 * an editor. Clip names go in `FROM CLIP NAME` (or `TO CLIP NAME` on a transition line, as Avid
 * writes them), media in `SOURCE FILE`. Lines that CMX3600 cannot hold (newlines) are flattened.
 */
export function writeEdl(timeline: Timeline): string {
  const fps = timeline.fps ?? 24;
  const dropFrame = timeline.dropFrame;
  const out: string[] = [];
  if (timeline.name !== null) out.push(`TITLE: ${oneLine(timeline.name)}`);
  out.push(`FCM: ${dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME'}`, '');
  for (const clip of timeline.clips) {
    const tc = (time: FrameTime | null) => framesToTimecode(time?.frames ?? 0, fps, dropFrame);
    const transition =
      clip.transition === null
        ? 'C       '
        : `${clip.transition.type.padEnd(4)} ${String(clip.transition.durationFrames ?? 0).padStart(3, '0')}`;
    out.push(
      `${clip.event.padStart(3, '0')}  ${(clip.reel ?? 'AX').padEnd(8)} ${clip.track.padEnd(5)} ${transition} ` +
        `${tc(clip.sourceIn)} ${tc(clip.sourceOut)} ${tc(clip.recordIn)} ${tc(clip.recordOut)}`,
    );
    out.push(...commentsFor(clip));
  }
  return `${out.join('\n')}\n`;
}

function commentsFor(clip: TimelineClip): string[] {
  const comments: string[] = [];
  if (clip.name !== null)
    comments.push(`* ${clip.transition === null ? 'FROM' : 'TO'} CLIP NAME: ${oneLine(clip.name)}`);
  if (clip.sourceFile !== null) comments.push(`* SOURCE FILE: ${oneLine(clip.sourceFile)}`);
  if (clip.speedFps !== null)
    comments.push(`M2   ${clip.reel ?? 'AX'}  ${clip.speedFps.toFixed(1)}  00:00:00:00`);
  return comments;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
