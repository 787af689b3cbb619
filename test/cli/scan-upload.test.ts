import { describe, expect, it, vi } from 'vitest';
import { forUpload } from '../../src/cli/commands/scan.js';
import type { ScanItem, ScanReport } from '../../src/provenance/scan/report-types.js';

const manifest = (n: number) => ({
  label: `urn:c2pa:${n}`,
  isActive: true,
  claimGenerator: 'Generator/1.0',
  signer: 'Signer',
  signerCommonName: 'Signer',
  signedAt: null,
  actions: Array.from({ length: 20 }, (_, i) => ({
    action: 'c2pa.edited',
    digitalSourceType: null,
    parameterSourceTypes: [],
    softwareAgent: `agent ${i}`,
    assertion: 'c2pa.actions.v2',
  })),
  ingredients: [],
});

function report(items: number): ScanReport {
  const item = (n: number): ScanItem => ({
    path: `/delivery/${n}.jpg`,
    sha256: n.toString(16).padStart(64, '0'),
    bytes: 1,
    mediaType: 'image/jpeg',
    class: 'no-ai-signal',
    manifest: {
      present: true,
      validation: 'trusted',
      activeManifest: `urn:c2pa:${n}`,
      claimGenerator: 'Generator/1.0',
      signer: 'Signer',
      validationState: 'Trusted',
      failureCodes: [],
      manifests: [manifest(n), manifest(n + 1)],
    },
    digitalSourceTypes: [],
    evidence: [],
    xmp: null,
    timelineReferences: [],
    findings: [],
  });
  return {
    items: Array.from({ length: items }, (_, n) => item(n)),
    summary: {
      items,
      byClass: { 'ai-generated': 0, 'ai-composite': 0, 'no-ai-signal': items, unknown: 0 },
      byValidation: { trusted: items, untrusted: 0, invalid: 0, none: 0 },
      findings: { blocker: 0, warning: 0, info: 0 },
      reportFindings: [],
      incomplete: false,
      skippedNonMedia: 0,
      trustAnchors: [],
      timeline: null,
      bytes: 0,
      seconds: 0,
    },
  };
}

describe('forUpload', () => {
  it('sends a small report as it is', () => {
    const small = report(3);
    expect(forUpload(small)).toBe(small);
  });

  it('drops manifest detail from a report over the 1 MiB body limit, keeping what the gate reads', () => {
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const big = report(400);
      expect(Buffer.byteLength(JSON.stringify({ report: big }))).toBeGreaterThan(1024 * 1024);
      const sent = forUpload(big);
      expect(Buffer.byteLength(JSON.stringify({ report: sent }))).toBeLessThan(1024 * 1024);
      expect(sent.summary.compacted).toBe(true);
      expect(sent.items[7]).toMatchObject({
        sha256: big.items[7]?.sha256,
        class: 'no-ai-signal',
        manifest: { validation: 'trusted', signer: 'Signer', manifests: [] },
      });
    } finally {
      quiet.mockRestore();
    }
  });
});
