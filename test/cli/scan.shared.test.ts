import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectedClass,
  expectedValidation,
  loadExpected,
  sharedPath,
  sharedTrustFiles,
} from '../../src/provenance/testing/shared-fixtures.js';
import { type CliRun, runCli } from '../support/run-cli.js';

/**
 * `clearframe scan` as a user runs it, in a child process, over the real signed media and
 * editorial timelines in ../shared/fixtures (read in place): the --json contract of design.md,
 * the classes and validations of expected.json, the HTML and PDF reports and the exit codes.
 */
const expected = loadExpected().c2pa;
const trustArgs = sharedTrustFiles().flatMap((file) => ['--trust', file]);
let json: CliRun;

beforeAll(() => {
  json = runCli(['scan', sharedPath('c2pa'), '--json', ...trustArgs]);
}, 120_000);

type Item = {
  path: string;
  sha256: string | null;
  mediaType: string | null;
  class: string;
  manifest: { present: boolean; validation: string };
  digitalSourceTypes: unknown[];
  findings: { severity: string; code: string; message: string }[];
};

describe('clearframe scan over the shared fixtures', () => {
  it('prints the design.md JSON contract for every fixture', () => {
    const report = JSON.parse(json.stdout) as { items: Item[]; summary: Record<string, unknown> };
    expect(report.items).toHaveLength(Object.keys(expected).length);
    for (const item of report.items) {
      expect(Object.keys(item)).toEqual(
        expect.arrayContaining([
          'path',
          'sha256',
          'mediaType',
          'class',
          'manifest',
          'digitalSourceTypes',
          'findings',
        ]),
      );
      expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(['ai-generated', 'ai-composite', 'no-ai-signal', 'unknown']).toContain(item.class);
      expect(['trusted', 'untrusted', 'invalid', 'none']).toContain(item.manifest.validation);
      for (const finding of item.findings) {
        expect(['blocker', 'warning', 'info']).toContain(finding.severity);
        expect(finding.code).not.toBe('');
        expect(finding.message).not.toBe('');
      }
    }
    expect(report.summary).toMatchObject({ items: report.items.length });
  });

  it('gives each fixture the class and validation expected.json records', () => {
    const report = JSON.parse(json.stdout) as { items: Item[] };
    for (const [name, facts] of Object.entries(expected)) {
      const item = report.items.find((i) => i.path.endsWith(`/${name}`));
      expect({ name, class: item?.class, validation: item?.manifest.validation }).toEqual({
        name,
        class: expectedClass(facts),
        validation: expectedValidation(facts, true),
      });
    }
  });

  it('raises no blocker offline, so it exits 0 unless warnings are asked to fail', () => {
    const report = JSON.parse(json.stdout) as { summary: { findings: { blocker: number; warning: number } } };
    expect(report.summary.findings.blocker).toBe(0);
    expect(json.status).toBe(0);
    expect(report.summary.findings.warning).toBeGreaterThan(0);
    expect(runCli(['scan', sharedPath('c2pa'), '--json', '--fail-on', 'warning', ...trustArgs]).status).toBe(
      1,
    );
  }, 120_000);

  it('ties the media of a real EDL to the files and writes HTML and PDF reports of it', () => {
    const out = mkdtempSync(join(tmpdir(), 'clearframe-scan-cli-'));
    const html = runCli([
      'scan',
      sharedPath('c2pa'),
      '--timeline',
      sharedPath('timelines', 'screening_example.edl'),
      '--timeline-fps',
      '24',
      '--html',
      join(out, 'report.html'),
      ...trustArgs,
    ]);
    expect(html.stdout).toBe('');
    expect(html.stderr).toContain('HTML report written');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('screening_example.edl');
    const pdf = runCli(['scan', sharedPath('c2pa'), '--pdf', join(out, 'report.pdf'), ...trustArgs]);
    expect(pdf.status).toBe(0);
    const bytes = readFileSync(join(out, 'report.pdf'));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
  }, 120_000);
});
