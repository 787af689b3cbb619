/**
 * A small report in the `clearframe scan --json` shape, used by the unit test and the browser
 * journey (which uploads it as a file, as a delivery QC would).
 */
export const SAMPLE_SCAN_REPORT = {
  items: [
    {
      path: 'deliverables/ep06/warehouse_collapse_v3.mov',
      sha256: 'b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78',
      mediaType: 'video/quicktime',
      class: 'ai-generated',
      manifest: { present: true, validation: 'trusted', signer: 'Studio Image Enterprise' },
      digitalSourceTypes: ['http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'],
      findings: [
        {
          severity: 'blocker',
          code: 'ai.no-approval',
          message: 'AI-generated material in a final deliverable with no written approval',
        },
      ],
    },
    {
      path: 'deliverables/ep06/harbour_plate_012.exr',
      sha256: '0c4f1b1c1e7a2f1f5d3f7b1a8e4b0b6a6f2b7c3d9e0a1b2c3d4e5f60718293a4',
      mediaType: 'image/x-exr',
      class: 'no-ai-signal',
      manifest: { present: true, validation: 'untrusted', signer: 'Unknown Camera Co' },
      digitalSourceTypes: ['http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture'],
      findings: [
        {
          severity: 'info',
          code: 'c2pa.manifest-untrusted',
          message: 'C2PA manifest is intact but its signer chains to no configured trust anchor',
        },
      ],
    },
    {
      path: 'deliverables/ep06/title_card.png',
      sha256: null,
      mediaType: 'image/png',
      class: 'unknown',
      manifest: { present: false, validation: 'none', signer: null },
      digitalSourceTypes: [],
      findings: [
        {
          severity: 'warning',
          code: 'provenance.unknown',
          message: 'No manifest and no digital source type: provenance unknown, not clean',
        },
      ],
    },
  ],
  summary: { items: 3, reportFindings: [], incomplete: false },
} as const;
