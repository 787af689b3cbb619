import type { ToolInput } from '../../src/services/tools/tool-schemas.js';
import { moodboard } from './disclosures.js';

/** A tool record for the registry; approved, enterprise, keeps nothing, unless overridden. */
export function toolRecord(overrides: Partial<ToolInput> = {}): ToolInput {
  return {
    name: 'Studio Image Enterprise',
    vendor: 'Example Vendor',
    storesInputs: false,
    retentionDays: null,
    trainsOnInputs: false,
    enterpriseAgreement: true,
    sso: true,
    deployment: 'saas',
    regions: ['eu-west'],
    modalities: ['image'],
    outputsC2pa: true,
    status: 'approved',
    statusReason: null,
    conditions: null,
    lastReviewedOn: '2026-05-02',
    ...overrides,
  };
}

/** A disclosure naming one tool: the moodboard (notify on its own). */
export function usingTool(name: string): Record<string, unknown> {
  return moodboard({ tools: [{ name, enterprise: 'yes', retainsData: 'no' }] });
}

/** De-ageing one performer in final footage, with the partner's own word that consent exists. */
export function talentUse(performer: string, use = 'alteration'): Record<string, unknown> {
  return moodboard({
    description: `AI ${use} of ${performer} in the flashback scenes.`,
    media: ['video'],
    output: { final: 'yes', element: 'performance' },
    principles: {
      noInfringement: 'yes',
      noDataRetention: 'yes',
      enterpriseSecured: 'yes',
      temporaryOnly: 'no',
      noTalentReplacement: 'yes',
    },
    talent: [{ performer, use, consent: 'yes', unionCovered: 'yes' }],
  });
}
