import { emptyAnswers, type WizardAnswers } from './answers.js';

/**
 * Answers for the guidance's worked cases, shared by the unit tests and the browser
 * journeys so both exercise the same uses.
 */
export function moodboardAnswers(): WizardAnswers {
  return {
    ...emptyAnswers(),
    productionId: 'p1',
    productionTitle: 'Harbour Lights',
    format: 'scripted',
    phase: 'pre_production',
    description: 'Moodboard images of 1920s harbour streets for the production designer.',
    media: ['image'],
    tools: [{ name: 'Studio Image Enterprise', enterprise: 'yes', retainsData: 'no' }],
    inputs: ['text_prompt'],
    final: 'no',
    performersInvolved: 'no',
    couldMislead: 'no',
    asEvidence: 'no',
    fabricatedStatement: 'no',
    principles: {
      noInfringement: 'yes',
      noDataRetention: 'yes',
      enterpriseSecured: 'yes',
      temporaryOnly: 'yes',
      noTalentReplacement: 'yes',
    },
  };
}

export function deAgeingAnswers(consent: 'yes' | 'no'): WizardAnswers {
  const base = moodboardAnswers();
  return {
    ...base,
    phase: 'post_production',
    description: 'De-age the lead actor for the 1985 flashback scenes.',
    media: ['video'],
    final: 'yes',
    element: 'performance',
    narrativeInfluence: 'no',
    performersInvolved: 'yes',
    talent: [{ performer: 'Lead actor', use: 'alteration', unionCovered: 'yes', consent, exemption: 'none' }],
    principles: { ...base.principles, temporaryOnly: 'no' },
  };
}
