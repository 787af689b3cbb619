import type { Outcome } from '../policy/verdict.js';

/** ANSI styling, used only when the stream is a terminal and NO_COLOR is not set. */
export type Style = {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly outcome: (outcome: Outcome, text: string) => string;
};

const OUTCOME_COLOUR: Readonly<Record<Outcome, number>> = {
  notify: 32,
  escalate: 33,
  approval: 36,
  prohibited: 31,
};

export function styleFor(stream: NodeJS.WriteStream): Style {
  const env = process.env;
  const enabled = env['FORCE_COLOR'] ? env['FORCE_COLOR'] !== '0' : Boolean(stream.isTTY) && !env['NO_COLOR'];
  if (!enabled) return { bold: (t) => t, dim: (t) => t, outcome: (_o, t) => t };
  return {
    bold: (t) => `\u001b[1m${t}\u001b[22m`,
    dim: (t) => `\u001b[2m${t}\u001b[22m`,
    outcome: (o, t) => `\u001b[1;${OUTCOME_COLOUR[o]}m${t}\u001b[0m`,
  };
}
