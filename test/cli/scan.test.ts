import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

/**
 * `clearframe scan` offline on generated files, in a child process: exit codes (0 clean, 1 at
 * --fail-on, 2 bad usage or unread input), one output choice, bad timelines refused with the
 * line named, bad media reported per item, and --production failing fast without a server.
 */
let dir: string;
const isRoot = process.getuid?.() === 0;
const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+/);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clearframe-scan-cli-'));
  mkdirSync(join(dir, 'clean'));
  writeFileSync(join(dir, 'clean', 'A001.mov'), 'plate');
  mkdirSync(join(dir, 'bad'));
  writeFileSync(join(dir, 'bad', 'B001.mov'), 'plate');
  symlinkSync(join(dir, 'bad'), join(dir, 'bad', 'loop'));
  writeFileSync(join(dir, 'bad', 'locked.png'), 'png');
  chmodSync(join(dir, 'bad', 'locked.png'), 0o000);
});

describe('clearframe scan offline', () => {
  it('exits 0 on readable media with no blocker, and 1 at --fail-on warning when the cut holds unknown media', () => {
    const edl = join(dir, 'cut.edl');
    writeFileSync(
      edl,
      '001  A001 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n* FROM CLIP NAME: A001.mov\n',
    );
    expect(runCli(['scan', join(dir, 'clean'), '--json']).status).toBe(0);
    const failing = runCli(['scan', join(dir, 'clean'), '--timeline', edl, '--json', '--fail-on', 'warning']);
    expect(failing.status).toBe(1);
    const report = JSON.parse(failing.stdout);
    expect(report.items[0].findings.map((f: { code: string }) => f.code)).toContain(
      'timeline.unknown-provenance',
    );
  });

  it('reports a symlink loop and an unreadable file as items, goes on, and exits 2', () => {
    const run = runCli(['scan', join(dir, 'bad'), '--json']);
    const report = JSON.parse(run.stdout);
    const byName = (name: string) =>
      report.items
        .find((i: { path: string }) => i.path.endsWith(`/${name}`))
        ?.findings.map((f: { code: string }) => f.code);
    expect(byName('loop')).toEqual(['walk.symlink-loop']);
    if (!isRoot) expect(byName('locked.png')).toEqual(['read.error']);
    expect(byName('B001.mov')).toEqual(['provenance.unknown']);
    expect(report.summary.incomplete).toBe(true);
    expect(run.status).toBe(2);
  });

  it('refuses a timeline that cannot be parsed, naming the file', () => {
    const broken = join(dir, 'broken.otio');
    writeFileSync(broken, '{"OTIO_SCHEMA": "Timeline.1", "tracks": ');
    const run = runCli(['scan', join(dir, 'clean'), '--timeline', broken]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('broken.otio');
    noStackTrace(run.stderr);
  });

  it('takes one output: --json with --pdf is refused', () => {
    const run = runCli(['scan', join(dir, 'clean'), '--json', '--pdf', join(dir, 'r.pdf')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--json, --html and --pdf');
  });

  it('writes a PDF report', () => {
    const out = join(dir, 'report.pdf');
    const run = runCli(['scan', join(dir, 'clean'), '--pdf', out]);
    expect(run.status).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('with --production but no server configured, says how to name one before scanning', () => {
    const run = runCli(['scan', join(dir, 'clean'), '--production', 'p1'], {
      env: { CLEARFRAME_URL: '', CLEARFRAME_TOKEN: '' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--url or set CLEARFRAME_URL/);
    expect(run.stderr).not.toContain('scanned');
    noStackTrace(run.stderr);
  });

  it('with --production and an unreachable server, fails with the address and no stack trace', () => {
    const run = runCli([
      'scan',
      join(dir, 'clean'),
      '--production',
      'p1',
      '--url',
      'http://127.0.0.1:9',
      '--token',
      't',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot reach http://127.0.0.1:9');
    noStackTrace(run.stderr);
  });
});
