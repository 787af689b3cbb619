/**
 * Disclosure documents for tests, built from the format in disclosure-format.md: a harmless
 * moodboard (notify) and variations that land in each outcome.
 */
export function moodboard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 'clearframe/disclosure@1',
    production: { title: 'Harbour Lights', format: 'scripted' },
    phase: 'development',
    description: 'Moodboard images of 1920s harbour streets for the production designer.',
    media: ['image'],
    tools: [{ name: 'Studio Image Enterprise', enterprise: 'yes', retainsData: 'no' }],
    principles: {
      noInfringement: 'yes',
      noDataRetention: 'yes',
      enterpriseSecured: 'yes',
      temporaryOnly: 'yes',
      noTalentReplacement: 'yes',
    },
    inputs: [{ kind: 'text_prompt' }],
    training: { kind: 'none' },
    output: { final: 'no', element: 'none' },
    prompts: { references: [] },
    talent: [],
    realism: { depicts: [], couldMislead: 'no', asEvidence: 'no', fabricatedStatement: 'no' },
    ...overrides,
  };
}

/** A consumer tool that may keep data: escalate (P2, P3). */
export function consumerChatbot(): Record<string, unknown> {
  return moodboard({
    description: 'Brainstorm episode titles with a free consumer chatbot.',
    media: ['text'],
    tools: [{ name: 'Free Chat', enterprise: 'no', retainsData: 'unsure' }],
    principles: {
      noInfringement: 'yes',
      noDataRetention: 'unsure',
      enterpriseSecured: 'no',
      temporaryOnly: 'yes',
      noTalentReplacement: 'yes',
    },
  });
}

/** Generated material in a final shot: approval (CO-3, P4). */
export function finalShot(
  description = 'Generate the collapse of an apartment block for episode 6.',
): Record<string, unknown> {
  return moodboard({
    phase: 'post_production',
    description,
    media: ['video'],
    principles: {
      noInfringement: 'yes',
      noDataRetention: 'yes',
      enterpriseSecured: 'yes',
      temporaryOnly: 'no',
      noTalentReplacement: 'yes',
    },
    output: { final: 'yes', element: 'background' },
  });
}

/** A performer altered without consent: prohibited (TP-2). */
export function alteredWithoutConsent(): Record<string, unknown> {
  return moodboard({
    description: 'De-age the lead in the flashback scenes.',
    media: ['video'],
    talent: [{ performer: 'Jane Doe', use: 'alteration', unionCovered: 'yes', consent: 'no' }],
    principles: {
      noInfringement: 'yes',
      noDataRetention: 'yes',
      enterpriseSecured: 'yes',
      temporaryOnly: 'yes',
      noTalentReplacement: 'no',
    },
  });
}
