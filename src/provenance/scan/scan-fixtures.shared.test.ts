import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrust } from '../media/trust.js';
import {
  expectedClass,
  expectedValidation,
  loadExpected,
  sharedPath,
  sharedTrustFiles,
} from '../testing/shared-fixtures.js';
import { parseTimeline } from '../timeline/parse-timeline.js';
import type { ScanReport } from './report-types.js';
import { scan } from './scan.js';

const expected = loadExpected().c2pa;
const TRUST_FILES = sharedTrustFiles();

const reports: { withTrust?: ScanReport; withoutTrust?: ScanReport } = {};

beforeAll(async () => {
  const trust = await loadTrust(TRUST_FILES);
  if (!trust.ok) throw new Error(trust.message);
  reports.withTrust = await scan({ paths: [sharedPath('c2pa')], trust: trust.trust });
  reports.withoutTrust = await scan({ paths: [sharedPath('c2pa')], trust: null });
}, 120_000);

describe('scan of every signed and unsigned fixture in ../shared/fixtures/c2pa', () => {
  it('scans all 17 files', () => {
    expect(reports.withTrust?.items).toHaveLength(Object.keys(expected).length);
  });

  for (const [name, facts] of Object.entries(expected)) {
    for (const withTrust of [true, false]) {
      it(`${name} ${withTrust ? 'with' : 'without'} trust lists: ${expectedClass(facts)}, ${expectedValidation(facts, withTrust)}`, () => {
        const report = withTrust ? reports.withTrust : reports.withoutTrust;
        const item = report?.items.find((candidate) => candidate.path.endsWith(`/${name}`));
        expect(item).toBeDefined();
        if (item === undefined) return;
        expect(item.class).toBe(expectedClass(facts));
        expect(item.manifest.present).toBe(facts.manifest);
        expect(item.manifest.validation).toBe(expectedValidation(facts, withTrust));
        expect(item.manifest.claimGenerator).toBe(facts.claimGenerator);
        if (facts.signer !== undefined) expect(item.manifest.signer).toBe(facts.signer);
        expect(item.mediaType?.split('/')[0]).toBe(facts.mediaType.split('/')[0]);
        for (const dst of facts.digitalSourceTypes) expect(item.digitalSourceTypes).toContain(dst);
        if (facts.xmpDigitalSourceType !== null)
          expect(item.xmp?.digitalSourceTypes).toContain(facts.xmpDigitalSourceType);
        if (withTrust && facts.failureCodes !== undefined)
          expect([...item.manifest.failureCodes].sort()).toEqual([...facts.failureCodes].sort());
        expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
      });
    }
  }

  it('warns on AI material whose manifest is invalid or untrusted, and on invalid manifests', () => {
    const codes = (name: string) =>
      reports.withTrust?.items
        .find((item) => item.path.endsWith(`/${name}`))
        ?.findings.map((finding) => finding.code);
    expect(codes('amazon-titan-g1.png')).toContain('ai.manifest-untrusted');
    expect(codes('composite-dst.jpg')).toContain('ai.manifest-untrusted');
    expect(codes('XCA.jpg')).toContain('c2pa.manifest-invalid');
    expect(codes('cai.jpg')).toEqual([]);
    expect(codes('firefly-1.jpg')).toEqual(['ai.product-name-only']);
    expect(codes('no_manifest.jpg')).toEqual(['provenance.unknown', 'xmp.dangling-manifest-reference']);
  });

  it('gives evidence naming the manifest and assertion behind a class', () => {
    const item = reports.withTrust?.items.find((candidate) =>
      candidate.path.endsWith('/genai-actions-v2.jpg'),
    );
    expect(item?.evidence[0]).toMatchObject({
      class: 'ai-composite',
      source: 'c2pa-action',
      manifest: item?.manifest.activeManifest,
      action: 'c2pa.edited',
    });
  });
});

describe('scan of damaged media and a final-cut timeline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clearframe-damaged-'));
    const cai = await readFile(sharedPath('c2pa', 'cai.jpg'));
    await writeFile(join(dir, 'truncated-half.jpg'), cai.subarray(0, 200_000));
    await writeFile(join(dir, 'truncated-head.jpg'), cai.subarray(0, 5_000));
    await copyFile(sharedPath('c2pa', 'test-video.mp4'), join(dir, 'titles.mov'));
    await copyFile(sharedPath('c2pa', 'audio.wav'), join(dir, 'credits.mov'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports truncated media per item and ties timeline events to files', async () => {
    const text = await readFile(sharedPath('timelines', 'transition.otio'), 'utf8');
    const parsed = parseTimeline('transition.otio', text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const report = await scan({
      paths: [dir],
      trust: null,
      timeline: { file: 'transition.otio', timeline: parsed.timeline, issues: parsed.issues },
    });
    const byName = (name: string) => report.items.find((item) => item.path.endsWith(`/${name}`));

    expect(byName('truncated-half.jpg')?.manifest.validation).toBe('invalid');
    expect(byName('truncated-head.jpg')?.findings.map((finding) => finding.code)).toContain('media.corrupt');
    expect(report.summary.incomplete).toBe(true);

    expect(byName('titles.mov')?.timelineReferences.map((ref) => ref.event)).toEqual(['1']);
    expect(byName('titles.mov')?.findings.map((finding) => finding.code)).toContain(
      'timeline.unknown-provenance',
    );
    expect(byName('credits.mov')?.class).toBe('ai-generated');
    expect(report.summary.timeline?.unmatchedClips.map((clip) => clip.names[0])).toEqual([
      'wind-up.mov',
      'punchline.mov',
    ]);
    expect(report.summary.reportFindings.map((finding) => finding.code)).toEqual([
      'timeline.clip-not-scanned',
      'timeline.clip-not-scanned',
    ]);
  }, 60_000);
});
