import { parseDisclosure } from '../../../src/policy/disclosure.js';
import { emptyAnswers, type WizardAnswers } from './answers.js';

/**
 * The wizard's answers for a stored revision, so that a partner revises what was sent rather
 * than starting again. The inverse of toDisclosure for every disclosure the wizard can make.
 */
export function fromDisclosure(raw: unknown, productionId: string): WizardAnswers {
  const parsed = parseDisclosure(raw);
  if (!parsed.ok) return { ...emptyAnswers(), productionId };
  const d = parsed.disclosure;
  const clearance: WizardAnswers['clearance'] = {};
  for (const input of d.inputs) if (input.approved !== undefined) clearance[input.kind] = input.approved;
  return {
    productionId,
    productionTitle: d.production.title,
    format: d.production.format,
    ...(d.phase === undefined ? {} : { phase: d.phase }),
    description: d.description,
    media: [...d.media],
    tools: (d.tools ?? []).map((t) => ({ ...t })),
    inputs: d.inputs.map((i) => i.kind),
    clearance,
    trainingKind: d.training.kind,
    trainingData: [...(d.training.data ?? [])],
    ...(d.output.final === undefined ? {} : { final: d.output.final }),
    element: d.output.element,
    ...(d.output.narrativeInfluence === undefined ? {} : { narrativeInfluence: d.output.narrativeInfluence }),
    references: [...d.prompts.references],
    performersInvolved: d.talent.length > 0 ? 'yes' : 'no',
    talent: d.talent.map((t) => ({ ...t })),
    depicts: [...d.realism.depicts],
    ...(d.realism.couldMislead === undefined ? {} : { couldMislead: d.realism.couldMislead }),
    ...(d.realism.asEvidence === undefined ? {} : { asEvidence: d.realism.asEvidence }),
    ...(d.realism.fabricatedStatement === undefined
      ? {}
      : { fabricatedStatement: d.realism.fabricatedStatement }),
    principles: { ...d.principles },
  };
}
