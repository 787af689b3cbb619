import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectMaterialChange, materialFingerprint } from './material-change.js';

const base = {
  schema: 'clearframe/disclosure@1',
  production: { title: 'Harbour Lights', format: 'scripted' },
  description: 'Moodboard images of harbour streets.',
  media: ['image'],
  tools: [{ name: 'Studio Image', enterprise: 'yes', retainsData: 'no' }],
  output: { final: 'no', element: 'none', narrativeInfluence: 'no' },
  talent: [],
};
const verdict = { outcome: 'approval', rules: ['CO-3', 'P4'] };

describe('material change', () => {
  it('treats a typo fixed in the description as not material', () => {
    const after = { ...base, description: 'Moodboard images of harbor streets.' };
    expect(detectMaterialChange({ disclosure: base, verdict }, { disclosure: after, verdict })).toEqual({
      material: false,
      reasons: [],
    });
  });

  it('treats temporary -> final as material', () => {
    const after = { ...base, output: { ...base.output, final: 'yes' } };
    const change = detectMaterialChange({ disclosure: base, verdict }, { disclosure: after, verdict });
    expect(change.material).toBe(true);
    expect(change.reasons).toContain('inputs_changed');
  });

  it('treats a new tool or a new performer as material', () => {
    const newTool = {
      ...base,
      tools: [...base.tools, { name: 'Other', enterprise: 'yes', retainsData: 'no' }],
    };
    const newPerformer = { ...base, talent: [{ performer: 'Jane Doe', use: 'alteration', consent: 'yes' }] };
    for (const after of [newTool, newPerformer]) {
      expect(
        detectMaterialChange({ disclosure: base, verdict }, { disclosure: after, verdict }).material,
      ).toBe(true);
    }
  });

  it('treats a changed verdict as material even when the inputs look the same', () => {
    const change = detectMaterialChange(
      { disclosure: base, verdict },
      { disclosure: base, verdict: { outcome: 'approval', rules: ['CO-3', 'P4', 'CO-1'] } },
    );
    expect(change).toEqual({ material: true, reasons: ['rules_changed'] });
  });

  it('ignores rule order and repetition', () => {
    const change = detectMaterialChange(
      { disclosure: base, verdict },
      { disclosure: base, verdict: { outcome: 'approval', rules: ['P4', 'CO-3', 'P4'] } },
    );
    expect(change.material).toBe(false);
  });

  it('fingerprint ignores any description and key order, but no other key', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (description, title) => {
        const a = materialFingerprint({ ...base, description });
        const reordered = Object.fromEntries(Object.entries({ ...base, description: 'x' }).reverse());
        expect(a).toBe(materialFingerprint(reordered));
        const retitled = { ...base, production: { ...base.production, title: `${title}!` } };
        expect(materialFingerprint(retitled)).not.toBe(materialFingerprint(base));
      }),
    );
  });
});
