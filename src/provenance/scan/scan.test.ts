import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamBody, writePdf, XMP_DST_TRAINED, xmpPacket } from '../testing/write-pdf.js';
import { parseEdl } from '../timeline/edl/parse-edl.js';
import { scan } from './scan.js';
import { walkPaths } from './walk.js';

const isRoot = process.getuid?.() === 0;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearframe-scan-'));
  await mkdir(join(dir, 'plates'));
  await writeFile(join(dir, 'plates', 'A001.mov'), Buffer.from('not really a movie'));
  await writeFile(join(dir, 'plates', 'notes.txt'), 'skip me');
  await writeFile(join(dir, 'plates', '.DS_Store'), 'skip me too');
  await writeFile(join(dir, 'locked.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
  await chmod(join(dir, 'locked.jpg'), 0o000);
  await symlink(dir, join(dir, 'plates', 'loop'));
});

afterAll(async () => {
  await chmod(join(dir, 'locked.jpg'), 0o600);
  await rm(dir, { recursive: true, force: true });
});

describe('walkPaths', () => {
  it('finds media by extension, skips other files, and reports a symlink loop instead of following it', async () => {
    const { entries, skipped } = await walkPaths([dir]);
    expect(
      entries.filter((entry) => entry.kind === 'file').map((entry) => entry.path.slice(dir.length)),
    ).toEqual(['/locked.jpg', '/plates/A001.mov']);
    expect(entries.filter((entry) => entry.kind === 'problem')).toEqual([
      expect.objectContaining({ code: 'walk.symlink-loop', path: join(dir, 'plates', 'loop') }),
    ]);
    expect(skipped).toBe(1);
  });

  it('reports a path that does not exist', async () => {
    const { entries } = await walkPaths([join(dir, 'nope')]);
    expect(entries).toEqual([expect.objectContaining({ kind: 'problem', code: 'walk.not-found' })]);
  });
});

describe('scan', () => {
  it('keeps going past unreadable files and loops, reporting each as an item', async () => {
    const report = await scan({ paths: [dir], trust: null });
    const codes = Object.fromEntries(
      report.items.map((item) => [item.path.slice(dir.length), item.findings.map((finding) => finding.code)]),
    );
    expect(codes['/plates/A001.mov']).toEqual(['provenance.unknown']);
    expect(codes['/plates/loop']).toEqual(['walk.symlink-loop']);
    // root reads any file, so the permission case only shows for ordinary users.
    if (!isRoot) expect(codes['/locked.jpg']).toEqual(['read.error']);
    expect(report.summary.incomplete).toBe(true);
    expect(report.summary.byClass.unknown).toBe(report.items.length);
  }, 60_000);

  it('marks media the final-cut timeline uses with unknown provenance, and clips with no scanned file', async () => {
    const edl = parseEdl(
      '001  A001 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n* FROM CLIP NAME: A001.mov\n002  B002 V C 01:00:00:00 01:00:01:00 01:00:01:00 01:00:02:00\n* SOURCE FILE: B002\n',
    );
    if (!edl.ok) throw new Error(edl.error.message);
    const report = await scan({
      paths: [join(dir, 'plates')],
      trust: null,
      timeline: { file: 'cut.edl', timeline: edl.timeline, issues: edl.issues },
    });
    const movie = report.items.find((item) => item.path.endsWith('A001.mov'));
    expect(movie?.timelineReferences).toEqual([
      {
        timeline: 'cut.edl',
        event: '001',
        clip: 'A001.mov',
        track: 'V',
        recordIn: '01:00:00:00',
        via: [],
        location: { line: 1 },
      },
    ]);
    expect(movie?.findings.find((finding) => finding.code === 'timeline.unknown-provenance')?.severity).toBe(
      'warning',
    );
    expect(report.summary.timeline?.unmatchedClips).toEqual([
      { event: '002', clip: null, names: ['B002'], location: { line: 3 } },
    ]);
  }, 60_000);

  it('classes a PDF by the digital source type in its XMP, and reports a damaged PDF on its item', async () => {
    const pdfs = join(dir, 'posters');
    await mkdir(pdfs);
    const poster = writePdf(
      [
        { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>' },
        { num: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' },
        {
          num: 3,
          body: streamBody('/Type /Metadata /Subtype /XML', xmpPacket(XMP_DST_TRAINED), { deflate: true }),
        },
      ],
      '/Root 1 0 R',
    );
    await writeFile(join(pdfs, 'poster.pdf'), poster);
    await writeFile(join(pdfs, 'torn.pdf'), poster.subarray(0, 200));
    const report = await scan({ paths: [pdfs], trust: null });
    const item = (name: string) => report.items.find((i) => i.path.endsWith(name));
    expect(item('poster.pdf')).toMatchObject({
      class: 'ai-generated',
      digitalSourceTypes: [XMP_DST_TRAINED],
    });
    const torn = item('torn.pdf')?.findings.find((finding) => finding.code === 'xmp.unreadable');
    expect(torn?.message).toMatch(/PDF structure could not be read: no startxref/);
    expect(report.summary.incomplete).toBe(true);
  }, 60_000);
});
