import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYamlOrJson } from '../../src/cli/read-input-file.js';
import { loadDefaultPack } from '../../src/packs/load-packs.js';
import { parseDisclosure } from '../../src/policy/disclosure.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { REPO_ROOT } from '../support/run-cli.js';

/** The README shows these files; they must keep giving the verdicts it promises. */
const EXPECTED: Record<string, string> = {
  'moodboard.yaml': 'notify',
  'unsure-final.json': 'escalate',
  'de-ageing.yaml': 'approval',
  'voice-clone-no-consent.yaml': 'prohibited',
};
const dir = join(REPO_ROOT, 'examples/disclosures');

describe('examples/disclosures', () => {
  it('has exactly the examples the README describes', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, outcome] of Object.entries(EXPECTED)) {
    it(`${file} gives ${outcome}`, () => {
      const read = readYamlOrJson(join(dir, file));
      if (!read.ok) throw new Error(read.message);
      const parsed = parseDisclosure(read.value);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      expect(evaluate(parsed.disclosure, loadDefaultPack()).outcome).toBe(outcome);
    });
  }
});
