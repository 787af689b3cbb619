import { describe, expect, it } from 'vitest';
import type { ScanItem } from '../provenance/scan/report-types.js';
import { NO_MANIFEST } from '../provenance/scan/scan-file.js';
import { registrationFor } from './asset-registration.js';

const TRAINED = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

function item(
  manifest: Partial<ScanItem['manifest']>,
  xmp: ScanItem['xmp'] = null,
): ScanItem & { sha256: string } {
  return {
    path: '/deliverables/reel1/VFX_0420.mov',
    sha256: 'ab'.repeat(32),
    bytes: 10,
    mediaType: 'video/quicktime',
    class: 'ai-generated',
    manifest: { ...NO_MANIFEST, ...manifest },
    digitalSourceTypes: [],
    evidence: [],
    xmp,
    timelineReferences: [],
    findings: [],
  };
}
const link = { usage: 'final', disclosureId: 'd-1' } as const;
const action = (digitalSourceType: string | null) => ({
  action: 'c2pa.created',
  digitalSourceType,
  parameterSourceTypes: [],
  softwareAgent: 'Firefly',
  assertion: 'c2pa.actions.v2',
});
const manifest = (label: string, actions: ReturnType<typeof action>[]) => ({
  label,
  isActive: false,
  claimGenerator: null,
  signer: null,
  signerCommonName: null,
  signedAt: null,
  actions,
  ingredients: [{ title: 'parent.jpg', format: 'image/jpeg', relationship: 'parentOf', manifest: label }],
});

describe('registrationFor', () => {
  it('sends hash, file name, use and link, and no C2PA summary for a file without a manifest', () => {
    expect(registrationFor(item({}, { digitalSourceTypes: [TRAINED], provenance: null }), link)).toEqual({
      sha256: 'ab'.repeat(32),
      fileName: 'VFX_0420.mov',
      mediaType: 'video/quicktime',
      usage: 'final',
      disclosureId: 'd-1',
      c2pa: null,
      digitalSourceTypes: [TRAINED],
    });
  });

  it("keeps every manifest's actions with their source type and manifest, and cuts text to the API's lengths", () => {
    const sent = registrationFor(
      item({
        present: true,
        validation: 'trusted',
        validationState: 'Trusted',
        claimGenerator: 'x'.repeat(900),
        manifests: [manifest('urn:a', [action(TRAINED)]), manifest('urn:b', [action(null)])],
      }),
      link,
    );
    expect(sent.c2pa?.claimGenerator).toHaveLength(500);
    expect(sent.c2pa?.actions).toEqual([
      { action: 'c2pa.created', digitalSourceType: TRAINED, softwareAgent: 'Firefly', manifest: 'urn:a' },
      { action: 'c2pa.created', digitalSourceType: null, softwareAgent: 'Firefly', manifest: 'urn:b' },
    ]);
    expect(sent.c2pa?.ingredients).toHaveLength(2);
  });

  it('keeps a store that could not be verified as invalid, not as no manifest', () => {
    const sent = registrationFor(item({ present: true, validation: 'invalid' }), link);
    expect(sent.c2pa).toMatchObject({ validation: 'invalid', claimGenerator: null, actions: [] });
  });
});
