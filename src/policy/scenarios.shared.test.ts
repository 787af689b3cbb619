import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadDefaultPack } from '../packs/load-packs.js';
import { parseDisclosure } from './disclosure.js';
import { evaluate } from './evaluate.js';

/**
 * Every public scenario in ../shared/policy/scenarios, read at test time so new files and
 * new cases are picked up without touching this test.
 */
const SCENARIOS_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../shared/policy/scenarios',
);

type Scenario = {
  name: string;
  expect: { outcome: string; rules?: string[]; openQuestions?: string[] };
  disclosure: Record<string, unknown>;
};

const files = readdirSync(SCENARIOS_DIR).filter((f) => /\.ya?ml$/.test(f));
const pack = loadDefaultPack();

describe('public policy scenarios', () => {
  it('finds scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const scenarios = parse(readFileSync(join(SCENARIOS_DIR, file), 'utf8')) as Scenario[];
    describe(file, () => {
      for (const scenario of scenarios) {
        it(scenario.name, () => {
          const parsed = parseDisclosure({ schema: 'clearframe/disclosure@1', ...scenario.disclosure });
          if (!parsed.ok)
            throw new Error(`scenario is not a valid disclosure: ${JSON.stringify(parsed.issues)}`);
          const verdict = evaluate(parsed.disclosure, pack);
          const fired = verdict.findings.map((f) => f.rule);
          expect({ outcome: verdict.outcome, fired, openQuestions: verdict.openQuestions }).toEqual({
            outcome: scenario.expect.outcome,
            fired: expect.arrayContaining(scenario.expect.rules ?? []),
            openQuestions: expect.arrayContaining(scenario.expect.openQuestions ?? []),
          });
        });
      }
    });
  }
});
