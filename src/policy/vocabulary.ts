/**
 * The closed vocabularies of `clearframe/disclosure@1` (../shared/policy/disclosure-format.md).
 * One list per enum, shared by the schema, the fact catalogue that packs are checked against,
 * the web wizard and test generators, so a new value is added in exactly one place.
 */
export const DISCLOSURE_SCHEMA_ID = 'clearframe/disclosure@1';

export const ANSWERS = ['yes', 'no', 'unsure'] as const;
export type Answer = (typeof ANSWERS)[number];

export const PRODUCTION_FORMATS = ['scripted', 'documentary', 'unscripted', 'animation', 'other'] as const;
export type ProductionFormat = (typeof PRODUCTION_FORMATS)[number];

export const PHASES = [
  'development',
  'pre_production',
  'production',
  'post_production',
  'marketing',
  'localization',
] as const;
export type Phase = (typeof PHASES)[number];

export const MEDIA = ['image', 'video', 'audio', 'text', '3d'] as const;
export type Media = (typeof MEDIA)[number];

/** Studio production materials: uploading them needs the studio's clearance (DU-1). */
export const PRODUCTION_MATERIAL_INPUTS = ['script', 'unreleased_footage', 'production_artwork'] as const;
/** Personal information, including a performer's likeness or voice (DU-2). */
export const PERSONAL_INPUTS = ['personal_data', 'talent_likeness', 'talent_voice'] as const;
export const INPUT_KINDS = [
  'text_prompt',
  'licensed_reference',
  'public_domain',
  'own_artwork',
  ...PRODUCTION_MATERIAL_INPUTS,
  ...PERSONAL_INPUTS,
  'third_party_ip',
  'artist_work',
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const TRAINING_KINDS = ['none', 'fine_tune', 'train'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const TRAINING_DATA = [
  'owned',
  'personal_data',
  'talent_performance',
  'artist_work',
  'third_party_ip',
] as const;
export type TrainingData = (typeof TRAINING_DATA)[number];

export const OUTPUT_ELEMENTS = [
  'none',
  'background',
  'narrative_prop',
  'key_character',
  'key_visual',
  'story_setting',
  'performance',
  'dialogue',
  'music',
  'title_sequence',
] as const;
export type OutputElement = (typeof OUTPUT_ELEMENTS)[number];

export const PROMPT_REFERENCES = [
  'copyrighted_work',
  'named_character',
  'artist_style',
  'public_figure',
  'real_person',
  'real_event',
  'brand',
] as const;
export type PromptReference = (typeof PROMPT_REFERENCES)[number];

export const TALENT_USES = [
  'digital_replica',
  'voice_replica',
  'alteration',
  'synthetic_performer',
  'replacement',
] as const;
export type TalentUse = (typeof TALENT_USES)[number];

export const EXEMPTIONS = [
  'none',
  'as_scripted',
  'unsafe_stunt',
  'unrecognizable',
  'customary_fix',
  'permitted_dub',
] as const;
export type Exemption = (typeof EXEMPTIONS)[number];

export const DEPICTIONS = ['real_people', 'real_events', 'public_figures'] as const;
export type Depiction = (typeof DEPICTIONS)[number];

/**
 * Registry facts: what the studio's own registries say, handed to the engine beside the
 * disclosure (never part of the partner's file). `not_checked` when no registry was asked,
 * as in an offline `clearframe check`, so no registry rule fires.
 */
export const TOOL_REGISTRY_STATUSES = [
  'not_checked',
  'unregistered',
  'approved',
  'approved_with_conditions',
  'blocked',
] as const;
export type ToolRegistryStatus = (typeof TOOL_REGISTRY_STATUSES)[number];

export const REGISTRY_ANSWERS = ['not_checked', 'yes', 'no'] as const;
export type RegistryAnswer = (typeof REGISTRY_ANSWERS)[number];

/** What the consent registry holds for a performer and this use; every state but `active` is a gap. */
export const CONSENT_RECORD_STATES = [
  'not_checked',
  'active',
  'none',
  'other_production',
  'other_use',
  'not_yet_valid',
  'expired',
  'revoked',
  'deceased_unauthorised',
] as const;
export type ConsentRecordState = (typeof CONSENT_RECORD_STATES)[number];
