import { describe, expect, it } from 'vitest';
import { summariseManifestStore, validationFromState } from './c2pa-summary.js';

describe('summariseManifestStore', () => {
  const store = {
    active_manifest: 'urn:a',
    validation_state: 'Invalid',
    validation_results: {
      activeManifest: {
        failure: [{ code: 'assertion.dataHash.mismatch' }, { code: 'signingCredential.untrusted' }],
      },
    },
    manifests: {
      'urn:a': {
        claim_generator_info: [{ name: 'c2pa cawg test', version: '0.58.0' }],
        signature_info: {
          issuer: 'C2PA Test Signing Cert',
          common_name: 'C2PA Signer',
          time: '2025-07-29T23:13:49+00:00',
        },
        assertions: [
          {
            label: 'c2pa.actions.v2',
            data: {
              actions: [
                {
                  action: 'c2pa.created',
                  digitalSourceType: 'x',
                  softwareAgent: { name: 'Agent' },
                  parameters: { 'com.adobe.digitalSourceType': 'y', other: 1 },
                },
              ],
            },
          },
          { label: 'cawg.identity', data: {} },
        ],
        ingredients: [
          { title: 'parent.jpg', format: 'image/jpeg', relationship: 'parentOf', active_manifest: 'urn:b' },
        ],
      },
      'urn:b': { claim_generator: 'Old/1.0', assertions: 'not an array' },
    },
  };

  it('keeps the active manifest, claim generator (v2 info), signer, state and failure codes', () => {
    const summary = summariseManifestStore(store);
    expect(summary).toMatchObject({
      activeManifest: 'urn:a',
      claimGenerator: 'c2pa cawg test/0.58.0',
      signer: 'C2PA Test Signing Cert',
      validation: 'invalid',
      validationState: 'Invalid',
      failureCodes: ['assertion.dataHash.mismatch', 'signingCredential.untrusted'],
    });
  });

  it('keeps actions with their source types and ingredients with their manifests, tolerating odd shapes', () => {
    const [active, other] = summariseManifestStore(store).manifests;
    expect(active?.actions).toEqual([
      {
        action: 'c2pa.created',
        digitalSourceType: 'x',
        parameterSourceTypes: [{ key: 'com.adobe.digitalSourceType', value: 'y' }],
        softwareAgent: 'Agent',
        assertion: 'c2pa.actions.v2',
      },
    ]);
    expect(active?.ingredients).toEqual([
      { title: 'parent.jpg', format: 'image/jpeg', relationship: 'parentOf', manifest: 'urn:b' },
    ]);
    expect(other).toMatchObject({ label: 'urn:b', isActive: false, claimGenerator: 'Old/1.0', actions: [] });
  });

  it('maps reader states to the scan contract', () => {
    expect(validationFromState('Trusted')).toBe('trusted');
    expect(validationFromState('Valid')).toBe('untrusted');
    expect(validationFromState('Invalid')).toBe('invalid');
    expect(summariseManifestStore(null)).toMatchObject({
      activeManifest: null,
      validation: 'invalid',
      manifests: [],
    });
  });
});
