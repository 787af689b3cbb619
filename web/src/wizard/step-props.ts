import type { WizardAnswers } from './answers.js';

/** What every step gets: the answers so far and a way to change some of them. */
export type StepProps = {
  readonly answers: WizardAnswers;
  readonly update: (patch: Partial<WizardAnswers>) => void;
};
