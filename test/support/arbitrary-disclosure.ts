import fc from 'fast-check';
import type { Disclosure } from '../../src/policy/disclosure.js';
import {
  ANSWERS,
  DEPICTIONS,
  DISCLOSURE_SCHEMA_ID,
  EXEMPTIONS,
  INPUT_KINDS,
  MEDIA,
  OUTPUT_ELEMENTS,
  PHASES,
  PRODUCTION_FORMATS,
  PROMPT_REFERENCES,
  TALENT_USES,
  TRAINING_DATA,
  TRAINING_KINDS,
} from '../../src/policy/vocabulary.js';

/** A yes/no answer as a partner might give it: any answer, a boolean, or left out. */
const rawAnswer = fc.option(fc.oneof(fc.constantFrom(...ANSWERS), fc.boolean()), { nil: undefined });
const answer = fc.option(fc.constantFrom(...ANSWERS), { nil: undefined });
const subset = <T>(values: readonly T[]) =>
  fc.uniqueArray(fc.constantFrom(...values), { maxLength: values.length });
const name = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

/** Drops keys whose value is undefined, as a file that leaves the question out would. */
function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Any schema-valid disclosure in its normalised form (what parseDisclosure returns),
 * including left-out answers, `unsure`, empty and left-out lists.
 */
export const arbitraryDisclosure: fc.Arbitrary<Disclosure> = fc
  .record({
    title: name,
    format: fc.constantFrom(...PRODUCTION_FORMATS),
    phase: fc.option(fc.constantFrom(...PHASES), { nil: undefined }),
    description: name,
    media: subset(MEDIA),
    tools: fc.option(
      fc.array(fc.record({ name, enterprise: answer, retainsData: answer }).map(compact), { maxLength: 3 }),
      { nil: undefined },
    ),
    principles: fc
      .record({
        noInfringement: answer,
        noDataRetention: answer,
        enterpriseSecured: answer,
        temporaryOnly: answer,
        noTalentReplacement: answer,
      })
      .map(compact),
    inputs: fc.array(fc.record({ kind: fc.constantFrom(...INPUT_KINDS), approved: answer }).map(compact), {
      maxLength: 4,
    }),
    training: fc
      .record({
        kind: fc.constantFrom(...TRAINING_KINDS),
        data: fc.option(subset(TRAINING_DATA), { nil: undefined }),
      })
      .map(compact),
    output: fc
      .record({ final: answer, element: fc.constantFrom(...OUTPUT_ELEMENTS), narrativeInfluence: answer })
      .map(compact),
    references: subset(PROMPT_REFERENCES),
    talent: fc.array(
      fc
        .record({
          performer: name,
          use: fc.constantFrom(...TALENT_USES),
          unionCovered: answer,
          consent: answer,
          deceased: answer,
          exemption: fc.constantFrom(...EXEMPTIONS),
        })
        .map(compact),
      { maxLength: 3 },
    ),
    realism: fc
      .record({
        depicts: subset(DEPICTIONS),
        couldMislead: answer,
        asEvidence: answer,
        fabricatedStatement: answer,
      })
      .map(compact),
  })
  .map(
    (r) =>
      compact({
        schema: DISCLOSURE_SCHEMA_ID,
        production: { title: r.title, format: r.format },
        phase: r.phase,
        description: r.description,
        media: r.media,
        tools: r.tools,
        principles: r.principles,
        inputs: r.inputs,
        training: r.training,
        output: r.output,
        prompts: { references: r.references },
        talent: r.talent,
        realism: r.realism,
      }) as Disclosure,
  );

/** A raw answer generator for parser tests: booleans and strings as files carry them. */
export const arbitraryRawAnswer = rawAnswer;
