import {
  type Answer,
  type Depiction,
  DISCLOSURE_SCHEMA_ID,
  type Exemption,
  type InputKind,
  type Media,
  type OutputElement,
  PERSONAL_INPUTS,
  type Phase,
  PRODUCTION_FORMATS,
  PRODUCTION_MATERIAL_INPUTS,
  type ProductionFormat,
  type PromptReference,
  type TalentUse,
  type TrainingData,
  type TrainingKind,
} from '../../../src/policy/vocabulary.js';

/**
 * What the wizard holds while a partner answers. Every yes/no question may still be
 * unanswered (`undefined`), which is not the same as `unsure`: both become open questions,
 * but only an explicit answer is written into the disclosure.
 */
export type ToolAnswers = { name: string; enterprise?: Answer; retainsData?: Answer };
export type TalentAnswers = {
  performer: string;
  use?: TalentUse;
  unionCovered?: Answer;
  consent?: Answer;
  deceased?: Answer;
  exemption: Exemption;
};
export const PRINCIPLES = [
  'noInfringement',
  'noDataRetention',
  'enterpriseSecured',
  'temporaryOnly',
  'noTalentReplacement',
] as const;
export type Principle = (typeof PRINCIPLES)[number];

export type WizardAnswers = {
  productionId: string;
  productionTitle: string;
  format?: ProductionFormat;
  phase?: Phase;
  description: string;
  media: Media[];
  tools: ToolAnswers[];
  inputs: InputKind[];
  /** Clearance per input kind; asked only for kinds that need it (see needsClearance). */
  clearance: Partial<Record<InputKind, Answer>>;
  trainingKind: TrainingKind;
  trainingData: TrainingData[];
  final?: Answer;
  element: OutputElement;
  narrativeInfluence?: Answer;
  references: PromptReference[];
  /** The gate for the talent questions: performers are only asked about when this is `yes`. */
  performersInvolved?: 'yes' | 'no';
  talent: TalentAnswers[];
  depicts: Depiction[];
  couldMislead?: Answer;
  asEvidence?: Answer;
  fabricatedStatement?: Answer;
  principles: Partial<Record<Principle, Answer>>;
};

export function emptyAnswers(): WizardAnswers {
  return {
    productionId: '',
    productionTitle: '',
    description: '',
    media: [],
    tools: [],
    inputs: [],
    clearance: {},
    trainingKind: 'none',
    trainingData: [],
    element: 'none',
    references: [],
    talent: [],
    depicts: [],
    principles: {},
  };
}

/** The production a use is for: its title and format go into the disclosure as the studio records them. */
export function productionAnswers(production: {
  id: string;
  title: string;
  format: string;
}): Pick<WizardAnswers, 'productionId' | 'productionTitle' | 'format'> {
  const format = PRODUCTION_FORMATS.find((f) => f === production.format) ?? 'other';
  return { productionId: production.id, productionTitle: production.title, format };
}

const CLEARANCE_KINDS: readonly InputKind[] = [...PRODUCTION_MATERIAL_INPUTS, ...PERSONAL_INPUTS];

/** Studio materials and personal data need the studio's clearance for this upload (DU-1, DU-2). */
export function needsClearance(kind: InputKind): boolean {
  return CLEARANCE_KINDS.includes(kind);
}

/** The element and story questions only matter when something generated may be final. */
export function asksAboutFinalOutput(answers: WizardAnswers): boolean {
  return answers.final === 'yes' || answers.final === 'unsure';
}

export function asksTalentDetails(answers: WizardAnswers): boolean {
  return answers.performersInvolved === 'yes';
}

export function asksTrainingData(answers: WizardAnswers): boolean {
  return answers.trainingKind !== 'none';
}

/** Puts a key only when it has a value: a left-out answer must stay left out (an open question). */
function put<T extends object, K extends string, V>(target: T, key: K, value: V | undefined): T {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  return target;
}

/**
 * The `clearframe/disclosure@1` object for the answers, as the CLI and the API read it.
 * Answers to questions the branching hides are not sent: a stale talent list from before
 * the partner said "no performers" must not decide the verdict.
 */
export function toDisclosure(answers: WizardAnswers): Record<string, unknown> {
  const principles: Record<string, Answer> = {};
  for (const key of PRINCIPLES) put(principles, key, answers.principles[key]);
  const output = put(
    put({ element: asksAboutFinalOutput(answers) ? answers.element : 'none' }, 'final', answers.final),
    'narrativeInfluence',
    asksAboutFinalOutput(answers) ? answers.narrativeInfluence : undefined,
  );
  const training: Record<string, unknown> = { kind: answers.trainingKind };
  if (asksTrainingData(answers) && answers.trainingData.length > 0) training['data'] = answers.trainingData;
  const realism = put(
    put(
      put({ depicts: answers.depicts }, 'couldMislead', answers.couldMislead),
      'asEvidence',
      answers.asEvidence,
    ),
    'fabricatedStatement',
    answers.fabricatedStatement,
  );
  const disclosure: Record<string, unknown> = {
    schema: DISCLOSURE_SCHEMA_ID,
    production: put({ title: answers.productionTitle }, 'format', answers.format),
    description: answers.description,
    media: answers.media,
    principles,
    inputs: answers.inputs.map((kind) =>
      needsClearance(kind) ? put({ kind }, 'approved', answers.clearance[kind]) : { kind },
    ),
    training,
    output,
    prompts: { references: answers.references },
    talent: asksTalentDetails(answers)
      ? answers.talent.map((t) =>
          put(
            put(
              put(
                put({ performer: t.performer, exemption: t.exemption }, 'use', t.use),
                'unionCovered',
                t.unionCovered,
              ),
              'consent',
              t.consent,
            ),
            'deceased',
            t.deceased,
          ),
        )
      : [],
    realism,
  };
  put(disclosure, 'phase', answers.phase);
  // No tools listed means "which tools" is unanswered, an open question (disclosure-format.md).
  if (answers.tools.length > 0) {
    disclosure['tools'] = answers.tools.map((tool) =>
      put(put({ name: tool.name }, 'enterprise', tool.enterprise), 'retainsData', tool.retainsData),
    );
  }
  return disclosure;
}
