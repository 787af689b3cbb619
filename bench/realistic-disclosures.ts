import fc from 'fast-check';
import type { Disclosure } from '../src/policy/disclosure.js';
import {
  DISCLOSURE_SCHEMA_ID,
  type OutputElement,
  PHASES,
  type PromptReference,
} from '../src/policy/vocabulary.js';

/** `value` with probability `weight`, else one of `others` evenly. */
const mostly = <T>(value: T, weight: number, ...others: T[]) =>
  fc.oneof(
    { arbitrary: fc.constant(value), weight },
    ...others.map((o) => ({ arbitrary: fc.constant(o), weight: 1 })),
  );

const answer = mostly<'yes' | 'no' | 'unsure'>('yes', 18, 'no', 'unsure');

/**
 * Disclosures shaped like the ones partners file (the guidance's low-risk lane is the common
 * case): mostly secured tools and met principles, a third final, few performers. The uniform
 * generator in test/support stays the worst case; this one shows what a studio's traffic costs.
 */
export const realisticDisclosure: fc.Arbitrary<Disclosure> = fc
  .record({
    phase: fc.constantFrom(...PHASES),
    tools: fc.array(
      fc.record({
        name: fc.constantFrom(
          'Studio Image Enterprise',
          'Studio Video Enterprise',
          'Vendor Pipeline',
          'Free Chat',
        ),
        enterprise: mostly<'yes' | 'no' | 'unsure'>('yes', 8, 'no', 'unsure'),
        retainsData: mostly<'yes' | 'no' | 'unsure'>('no', 8, 'yes', 'unsure'),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    principles: fc.record({
      noInfringement: answer,
      noDataRetention: answer,
      enterpriseSecured: answer,
      temporaryOnly: mostly<'yes' | 'no' | 'unsure'>('yes', 3, 'no'),
      noTalentReplacement: answer,
    }),
    inputs: fc.array(
      fc.oneof(
        { arbitrary: fc.constant({ kind: 'text_prompt' as const }), weight: 6 },
        {
          arbitrary: fc.constant({ kind: 'production_artwork' as const, approved: 'yes' as const }),
          weight: 3,
        },
        { arbitrary: fc.constant({ kind: 'script' as const, approved: 'no' as const }), weight: 1 },
      ),
      { maxLength: 2 },
    ),
    final: mostly<'yes' | 'no' | 'unsure'>('no', 6, 'yes', 'yes', 'unsure'),
    element: mostly<OutputElement>('none', 4, 'background', 'key_visual', 'dialogue'),
    references: fc.oneof(
      { arbitrary: fc.constant<PromptReference[]>([]), weight: 8 },
      { arbitrary: fc.constant<PromptReference[]>(['brand']), weight: 1 },
    ),
    talent: fc.oneof(
      { arbitrary: fc.constant([]), weight: 8 },
      {
        arbitrary: fc
          .record({
            performer: fc.constant('Lead'),
            use: fc.constantFrom('alteration' as const, 'voice_replica' as const),
            consent: mostly<'yes' | 'no'>('yes', 4, 'no'),
            exemption: fc.constant('none' as const),
          })
          .map((t) => [t]),
        weight: 1,
      },
    ),
    couldMislead: mostly<'yes' | 'no'>('no', 12, 'yes'),
  })
  .map(
    (r): Disclosure => ({
      schema: DISCLOSURE_SCHEMA_ID,
      production: { title: 'Harbour Lights', format: 'scripted' },
      phase: r.phase,
      description: 'Generated material for the production, as described to the studio contact.',
      media: ['image'],
      tools: r.tools,
      principles: r.principles,
      inputs: r.inputs,
      training: { kind: 'none' },
      output: { final: r.final, element: r.element },
      prompts: { references: [...r.references] },
      talent: [...r.talent],
      realism: { depicts: [], couldMislead: r.couldMislead, asEvidence: 'no', fabricatedStatement: 'no' },
    }),
  );
