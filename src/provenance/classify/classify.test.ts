import { describe, expect, it } from 'vitest';
import type { ActionSummary, C2paSummary, ManifestSummary } from '../media/c2pa-summary.js';
import { classify } from './classify.js';
import { genAiProductIn } from './genai-products.js';

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

function action(name: string, dst: string | null, extra: Partial<ActionSummary> = {}): ActionSummary {
  return {
    action: name,
    digitalSourceType: dst,
    parameterSourceTypes: [],
    softwareAgent: null,
    assertion: 'c2pa.actions.v2',
    ...extra,
  };
}

function manifest(
  label: string,
  actions: ActionSummary[],
  extra: Partial<ManifestSummary> = {},
): ManifestSummary {
  return {
    label,
    isActive: true,
    claimGenerator: 'Example/1.0',
    signer: 'Example Inc.',
    signerCommonName: null,
    signedAt: null,
    actions,
    ingredients: [],
    ...extra,
  };
}

function store(...manifests: ManifestSummary[]): C2paSummary {
  const active = manifests.find((m) => m.isActive);
  return {
    activeManifest: active?.label ?? null,
    claimGenerator: active?.claimGenerator ?? null,
    signer: null,
    validation: 'trusted',
    validationState: 'Trusted',
    failureCodes: [],
    manifests,
  };
}

describe('classify', () => {
  it('calls trained AI on the creating action ai-generated, with the assertion as evidence', () => {
    const result = classify({
      c2pa: store(manifest('m1', [action('c2pa.created', `${IPTC}trainedAlgorithmicMedia`)])),
      xmpDigitalSourceTypes: [],
    });
    expect(result.class).toBe('ai-generated');
    expect(result.evidence).toEqual([
      {
        class: 'ai-generated',
        strength: 'strong',
        source: 'c2pa-action',
        manifest: 'm1',
        assertion: 'c2pa.actions.v2',
        action: 'c2pa.created',
        value: `${IPTC}trainedAlgorithmicMedia`,
      },
    ]);
  });

  it('calls trained AI on an edit, or a composite type, ai-composite', () => {
    expect(
      classify({
        c2pa: store(
          manifest('m', [
            action('c2pa.opened', null),
            action('c2pa.edited', `${IPTC}trainedAlgorithmicMedia`),
          ]),
        ),
        xmpDigitalSourceTypes: [],
      }).class,
    ).toBe('ai-composite');
    expect(
      classify({
        c2pa: store(
          manifest('m', [
            action(
              'c2pa.edited',
              ` https://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia`,
            ),
          ]),
        ),
        xmpDigitalSourceTypes: [],
      }).class,
    ).toBe('ai-composite');
  });

  it('reads vendor parameters such as com.adobe.digitalSourceType', () => {
    const opened = action('c2pa.opened', null, {
      parameterSourceTypes: [{ key: 'com.adobe.digitalSourceType', value: `${IPTC}trainedAlgorithmicMedia` }],
    });
    const result = classify({ c2pa: store(manifest('m', [opened])), xmpDigitalSourceTypes: [] });
    expect(result.class).toBe('ai-generated');
    expect(result.evidence[0]?.source).toBe('c2pa-action-parameter');
  });

  it('takes AI from an ingredient manifest as composite when the active one states none', () => {
    const parent = manifest('parent', [action('c2pa.created', `${IPTC}trainedAlgorithmicMedia`)], {
      isActive: false,
    });
    const result = classify({
      c2pa: store(manifest('active', [action('c2pa.edited', null)]), parent),
      xmpDigitalSourceTypes: [],
    });
    expect(result.class).toBe('ai-composite');
    expect(result.evidence[0]).toMatchObject({ source: 'c2pa-ingredient-manifest', manifest: 'parent' });
  });

  it('uses a GenAI claim generator only when no source type is stated, as weak evidence', () => {
    const firefly = manifest('m', [action('c2pa.created', null)], {
      claimGenerator: 'Adobe_Firefly/1.0 c2pa-rs/0.17.0',
    });
    expect(classify({ c2pa: store(firefly), xmpDigitalSourceTypes: [] }).evidence).toEqual([
      expect.objectContaining({ class: 'ai-generated', strength: 'weak', source: 'claim-generator' }),
    ]);
    const stated = manifest('m', [action('c2pa.created', `${IPTC}digitalCapture`)], {
      claimGenerator: 'Adobe_Firefly',
    });
    expect(classify({ c2pa: store(stated), xmpDigitalSourceTypes: [] }).class).toBe('no-ai-signal');
  });

  it('does not treat algorithmicMedia as AI', () => {
    expect(
      classify({
        c2pa: store(manifest('m', [action('c2pa.opened', `${IPTC}algorithmicMedia`)])),
        xmpDigitalSourceTypes: [],
      }).class,
    ).toBe('no-ai-signal');
  });

  it('says unknown without a manifest, unless XMP declares AI', () => {
    expect(classify({ c2pa: null, xmpDigitalSourceTypes: [] }).class).toBe('unknown');
    expect(classify({ c2pa: null, xmpDigitalSourceTypes: [`${IPTC}digitalCapture`] }).class).toBe('unknown');
    expect(classify({ c2pa: null, xmpDigitalSourceTypes: [`${IPTC}trainedAlgorithmicMedia`] }).class).toBe(
      'ai-generated',
    );
  });

  it('lists every source type found, as written', () => {
    const result = classify({
      c2pa: store(manifest('m', [action('c2pa.created', ` ${IPTC}digitalCapture`)])),
      xmpDigitalSourceTypes: ['x'],
    });
    expect(result.digitalSourceTypes).toEqual([` ${IPTC}digitalCapture`, 'x']);
  });
});

describe('genAiProductIn', () => {
  it('recognises GenAI products in claim generators and agents, and not ordinary tools', () => {
    expect(genAiProductIn('Adobe_Firefly adobe_c2pa/0.12.4')).toBe('Adobe Firefly');
    expect(genAiProductIn('Titan Image Generator G1')).toBe('Amazon Titan Image Generator');
    expect(genAiProductIn('DALL·E 3')).toBe('OpenAI DALL-E');
    expect(genAiProductIn('Adobe_Photoshop/25.0 c2pa-rs/0.30')).toBeNull();
    expect(genAiProductIn('make_test_images/0.33.1')).toBeNull();
  });
});
