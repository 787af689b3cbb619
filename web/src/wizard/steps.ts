/** The wizard's steps in order. Each open question or invalid answer points at one of them. */
export const STEPS = [
  'basics',
  'tools',
  'inputs',
  'output',
  'talent',
  'realism',
  'principles',
  'review',
] as const;
export type StepId = (typeof STEPS)[number];

const BY_PREFIX: readonly (readonly [string, StepId])[] = [
  ['tools', 'tools'],
  ['inputs', 'inputs'],
  ['training', 'inputs'],
  ['output', 'output'],
  ['prompts', 'output'],
  ['talent', 'talent'],
  ['realism', 'realism'],
  ['principles', 'principles'],
];

/** The step that asks the question at `path` (`tools[1].retainsData` -> tools). */
export function stepForPath(path: string): StepId {
  for (const [prefix, step] of BY_PREFIX)
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) return step;
  return 'basics';
}
