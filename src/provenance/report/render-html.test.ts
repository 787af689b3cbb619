import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../scan/report-types.js';
import { escapeHtml, renderHtml } from './render-html.js';
import { renderText } from './render-text.js';

const hostile = '<img src=x onerror="alert(1)">&\'`';
const report: ScanReport = {
  items: [
    {
      path: `/media/${hostile}.jpg`,
      sha256: 'ab'.repeat(32),
      bytes: 10,
      mediaType: 'image/jpeg',
      class: 'ai-generated',
      manifest: {
        present: true,
        validation: 'untrusted',
        activeManifest: 'urn:x',
        claimGenerator: hostile,
        signer: hostile,
        validationState: 'Valid',
        failureCodes: [],
        manifests: [],
      },
      digitalSourceTypes: [],
      evidence: [
        {
          class: 'ai-generated',
          strength: 'weak',
          source: 'claim-generator',
          manifest: 'urn:x',
          assertion: null,
          action: null,
          value: hostile,
        },
      ],
      xmp: null,
      timelineReferences: [
        {
          timeline: 'cut.edl',
          event: '001',
          clip: hostile,
          track: 'V',
          recordIn: '01:00:00:00',
          via: [],
          location: { line: 3 },
        },
      ],
      findings: [{ severity: 'warning', code: 'ai.manifest-untrusted', message: hostile }],
    },
  ],
  summary: {
    items: 1,
    byClass: { 'ai-generated': 1, 'ai-composite': 0, 'no-ai-signal': 0, unknown: 0 },
    byValidation: { trusted: 0, untrusted: 1, invalid: 0, none: 0 },
    findings: { blocker: 0, warning: 1, info: 0 },
    reportFindings: [{ severity: 'warning', code: 'timeline.issue', message: hostile }],
    incomplete: false,
    skippedNonMedia: 0,
    trustAnchors: [hostile],
    timeline: null,
    bytes: 10,
    seconds: 0,
  },
};

describe('report rendering', () => {
  it('escapes every value that came from a file or a path in the HTML report', () => {
    const html = renderHtml(report, new Date(0));
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror="/);
    expect(html.split(escapeHtml(hostile)).length - 1).toBeGreaterThanOrEqual(5);
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('prints class, validation, evidence and timeline use per item in the text report', () => {
    const text = renderText(report);
    expect(text).toContain(`ai-generated  untrusted  /media/${hostile}.jpg`);
    expect(text).toContain(`why: claim generator "${hostile}" (weak)`);
    expect(text).toContain('on cut.edl: event 001 (V 01:00:00:00)');
    expect(text).toContain('1 items: 1 ai-generated, 0 ai-composite, 0 no-ai-signal, 0 unknown');
  });
});
