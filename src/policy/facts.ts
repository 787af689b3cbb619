import {
  CONSENT_RECORD_STATES,
  DEPICTIONS,
  EXEMPTIONS,
  INPUT_KINDS,
  MEDIA,
  OUTPUT_ELEMENTS,
  PHASES,
  PRODUCTION_FORMATS,
  PROMPT_REFERENCES,
  REGISTRY_ANSWERS,
  TALENT_USES,
  TOOL_REGISTRY_STATUSES,
  TRAINING_DATA,
  TRAINING_KINDS,
} from './vocabulary.js';

/**
 * The catalogue of disclosure facts a policy pack may test, with how each is read.
 * Packs are checked against it on load, so a condition on a field the disclosure
 * does not have is a load error, not a rule that silently never fires.
 *
 * Kinds (disclosure-format.md "Answers left out, and `unsure`"):
 * - `answer`: a fact about the use. `unsure` or left out is *unknown*, so a rule depending
 *   on it gives an open question at `escalate`; `default` applies where the format gives one.
 * - `permission`: a permission or protection that fails closed: anything but the clear
 *   opposite reads as `failClosedTo` (no consent, not cleared, union-covered).
 * - `enum`: one value, `default` when left out.
 * - `set`: a list of enum values; left out is empty unless `unansweredWhenMissing`.
 * - `list`: a list of objects, iterated with `some`; its item fields are `<list>[].<field>`.
 * - `text`: free text, named in reasons (a rule's `subject` or `detail`) but never tested.
 *
 * Item fields marked `from: 'registry'` (`tools[].registry*`, `talent[].consent*`) come from the
 * studio's registries through `RegistryFacts` (registry-facts.ts), by list index, never from the
 * partner's file, whose schema refuses them.
 */
export type FactSpec = (
  | { readonly kind: 'answer'; readonly default?: 'yes' | 'no' }
  | { readonly kind: 'permission'; readonly failClosedTo: 'yes' | 'no' }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly default?: string }
  | { readonly kind: 'set'; readonly values: readonly string[]; readonly unansweredWhenMissing?: true }
  | { readonly kind: 'list'; readonly unansweredWhenMissing?: true }
  | { readonly kind: 'text' }
) & { readonly from?: 'registry' };

export const FACTS = {
  'production.title': { kind: 'text' },
  'production.format': { kind: 'enum', values: PRODUCTION_FORMATS, default: 'other' },
  phase: { kind: 'enum', values: PHASES },
  description: { kind: 'text' },
  media: { kind: 'set', values: MEDIA },
  tools: { kind: 'list', unansweredWhenMissing: true },
  'tools[].name': { kind: 'text' },
  'tools[].enterprise': { kind: 'answer' },
  'tools[].retainsData': { kind: 'answer' },
  // From the tool registry (RegistryFacts), not from the partner.
  'tools[].registryStatus': {
    kind: 'enum',
    values: TOOL_REGISTRY_STATUSES,
    default: 'not_checked',
    from: 'registry',
  },
  'tools[].registryRetainsData': {
    kind: 'enum',
    values: REGISTRY_ANSWERS,
    default: 'not_checked',
    from: 'registry',
  },
  'tools[].registryEnterprise': {
    kind: 'enum',
    values: REGISTRY_ANSWERS,
    default: 'not_checked',
    from: 'registry',
  },
  'tools[].registryNote': { kind: 'text', from: 'registry' },
  'principles.noInfringement': { kind: 'answer' },
  'principles.noDataRetention': { kind: 'answer' },
  'principles.enterpriseSecured': { kind: 'answer' },
  'principles.temporaryOnly': { kind: 'answer' },
  'principles.noTalentReplacement': { kind: 'answer' },
  inputs: { kind: 'list' },
  'inputs[].kind': { kind: 'enum', values: INPUT_KINDS },
  'inputs[].approved': { kind: 'permission', failClosedTo: 'no' },
  'training.kind': { kind: 'enum', values: TRAINING_KINDS, default: 'none' },
  'training.data': { kind: 'set', values: TRAINING_DATA, unansweredWhenMissing: true },
  'output.final': { kind: 'answer' },
  'output.element': { kind: 'enum', values: OUTPUT_ELEMENTS, default: 'none' },
  'output.narrativeInfluence': { kind: 'answer', default: 'no' },
  'prompts.references': { kind: 'set', values: PROMPT_REFERENCES },
  talent: { kind: 'list' },
  'talent[].performer': { kind: 'text' },
  'talent[].use': { kind: 'enum', values: TALENT_USES },
  'talent[].unionCovered': { kind: 'permission', failClosedTo: 'yes' },
  'talent[].consent': { kind: 'permission', failClosedTo: 'no' },
  'talent[].deceased': { kind: 'answer', default: 'no' },
  'talent[].exemption': { kind: 'enum', values: EXEMPTIONS, default: 'none' },
  // From the consent registry (RegistryFacts), not from the partner.
  'talent[].consentRecord': {
    kind: 'enum',
    values: CONSENT_RECORD_STATES,
    default: 'not_checked',
    from: 'registry',
  },
  'talent[].consentNote': { kind: 'text', from: 'registry' },
  'realism.depicts': { kind: 'set', values: DEPICTIONS },
  'realism.couldMislead': { kind: 'answer' },
  'realism.asEvidence': { kind: 'answer' },
  'realism.fabricatedStatement': { kind: 'answer' },
} as const satisfies Record<string, FactSpec>;

export type FactPath = keyof typeof FACTS;

export function factSpec(path: string): FactSpec | undefined {
  return Object.hasOwn(FACTS, path) ? (FACTS as Record<string, FactSpec>)[path] : undefined;
}

/** The item fields of a list fact: `talent` → `performer`, `use`, … */
export function itemFields(list: string): string[] {
  const prefix = `${list}[].`;
  return Object.keys(FACTS)
    .filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(prefix.length));
}
