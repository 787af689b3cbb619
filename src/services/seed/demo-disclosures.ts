/** Demo disclosures in the `clearframe/disclosure@1` format, one per workflow path. */
const base = {
  schema: 'clearframe/disclosure@1',
  production: { title: 'Harbour Lights', format: 'scripted' },
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
};

export const DEMO_DISCLOSURES = {
  moodboard: {
    ...base,
    phase: 'development',
    description: 'Moodboard images of 1920s harbour streets for the production designer.',
    media: ['image'],
  },
  chatbot: {
    ...base,
    phase: 'development',
    description: 'Brainstorm episode titles with a free consumer chatbot.',
    media: ['text'],
    tools: [{ name: 'Free Chat', enterprise: 'no', retainsData: 'unsure' }],
    principles: { ...base.principles, noDataRetention: 'unsure', enterpriseSecured: 'no' },
  },
  deAgeing: {
    ...base,
    phase: 'post_production',
    description: 'De-age the lead for the 1985 flashback scenes.',
    media: ['video'],
    talent: [{ performer: 'Lead actor', use: 'alteration', unionCovered: 'yes', consent: 'no' }],
    principles: { ...base.principles, noTalentReplacement: 'no' },
  },
  vendorComp: {
    ...base,
    phase: 'post_production',
    description: 'Extend the harbour skyline in the establishing shots of episode 2.',
    media: ['video'],
    principles: { ...base.principles, temporaryOnly: 'no' },
    output: { final: 'yes', element: 'background' },
  },
  finalShot: {
    ...base,
    phase: 'post_production',
    description: 'Generate the collapse of the warehouse for episode 6, composited into the final shot.',
    media: ['video'],
    principles: { ...base.principles, temporaryOnly: 'no' },
    output: { final: 'yes', element: 'background' },
  },
  titles: {
    ...base,
    phase: 'marketing',
    description: 'Draft alternative title cards for the teaser.',
    media: ['image'],
  },
} as const;
