import cliProgress from 'cli-progress';
import type { ScanProgress } from '../provenance/scan/scan.js';

/** A bar on a terminal; on a pipe or CI log, a plain line at each tenth of the work. */
export function createProgress(): { update: (progress: ScanProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: 'scanning [{bar}] {value}/{total} files | {mb}/{totalMb} MB',
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        const mb = { mb: Math.round(p.bytesDone / 1048576), totalMb: Math.round(p.bytesTotal / 1048576) };
        if (!started) {
          bar.start(p.total, 0, mb);
          started = true;
        }
        bar.update(p.done, mb);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let lastTenth = -1;
  return {
    update: (p) => {
      const tenth = Math.floor((p.done / p.total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      process.stderr.write(
        `clearframe: scanned ${p.done}/${p.total} files (${Math.round(p.bytesDone / 1048576)}/${Math.round(p.bytesTotal / 1048576)} MB)\n`,
      );
    },
    stop: () => undefined,
  };
}
