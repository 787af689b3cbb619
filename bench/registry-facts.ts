import fc from 'fast-check';
import type { RegistryFacts } from '../src/policy/registry-facts.js';
import { CONSENT_RECORD_STATES, REGISTRY_ANSWERS, TOOL_REGISTRY_STATUSES } from '../src/policy/vocabulary.js';

const note = fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined });
const registryAnswer = fc.option(fc.constantFrom(...REGISTRY_ANSWERS), { nil: undefined });

/** Drops keys whose value is undefined, as a registry that holds nothing for them would. */
function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

const toolFacts = fc
  .record({
    registryStatus: fc.constantFrom(...TOOL_REGISTRY_STATUSES),
    registryRetainsData: registryAnswer,
    registryEnterprise: registryAnswer,
    registryNote: note,
  })
  .map(compact);
const consentFacts = fc
  .record({ consentRecord: fc.constantFrom(...CONSENT_RECORD_STATES), consentNote: note })
  .map(compact);

/**
 * What the studio's registries might say of a disclosure's tools and performers, by list index
 * (entries beyond the disclosure's lists are ignored, as the engine does); none for some inputs.
 */
export const arbitraryRegistryFacts: fc.Arbitrary<RegistryFacts | undefined> = fc.option(
  fc.record({
    tools: fc.array(fc.option(toolFacts, { nil: null }), { maxLength: 3 }),
    talent: fc.array(fc.option(consentFacts, { nil: null }), { maxLength: 3 }),
  }),
  { nil: undefined },
);
