import type { Outcome } from './verdict.js';

/** What each outcome means to the partner (guidance.md "Outcomes"), shared by CLI and web app. */
export const OUTCOME_SUMMARY: Readonly<Record<Outcome, string>> = {
  notify: 'Go ahead once it is disclosed: your studio contact is told, no review needed.',
  escalate: 'Ask your contact before you start.',
  approval: 'Written approval needed before you start.',
  prohibited: 'Not permitted as described.',
};
