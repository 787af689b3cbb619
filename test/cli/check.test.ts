import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { moodboard as moodboardDoc } from '../helpers/disclosures.js';
import { runCli } from '../support/run-cli.js';

let dir: string;
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const moodboard = moodboardDoc({ description: 'Moodboard images of harbour streets.' });
const voiceClone = {
  ...moodboard,
  description: 'Clone the lead voice for ADR.',
  output: { final: 'yes', element: 'dialogue' },
  talent: [{ performer: 'Lead', use: 'voice_replica' }],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clearframe-check-'));
});

/** No stack trace, ever: no "at file:line" frames and no error class names. */
const expectNoStackTrace = (stderr: string) => {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+/);
  expect(stderr).not.toMatch(/TypeError|ReferenceError|ZodError/);
};

describe('clearframe check', () => {
  it('prints the outcome, grouped findings and open questions, and exits with the verdict code', () => {
    const run = runCli(['check', write('clone.yaml', stringify(voiceClone))]);
    expect(run.status).toBe(30);
    expect(run.stdout.split('\n')[0]).toMatch(/^PROHIBITED {2}Not permitted as described\./);
    expect(run.stdout).toContain(
      'Talent and performance\n  TP-1 prohibited  Digital replica of a performer (Lead)',
    );
    expect(run.stdout).toContain('What to do: Record Lead');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 0 for notify and prints the verdict object with --json', () => {
    const run = runCli(['check', '--json', write('mood.json', JSON.stringify(moodboard))]);
    expect(run.status).toBe(0);
    const verdict = JSON.parse(run.stdout);
    expect(verdict).toMatchObject({
      outcome: 'notify',
      pack: 'netflix-genai-2025-08@1.0.0',
      findings: [],
      openQuestions: [],
      requires: [],
    });
    expect(verdict.inputHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reads standard input for -', () => {
    const run = runCli(['check', '--json', '-'], {
      input: stringify({ ...moodboard, output: { final: 'unsure' } }),
    });
    expect(run.status).toBe(10);
    expect(JSON.parse(run.stdout).openQuestions).toEqual(['output.final']);
  });

  it('gives one verdict per file and exits with the strictest', () => {
    const run = runCli([
      'check',
      '--json',
      write('a.yaml', stringify(moodboard)),
      write('b.yaml', stringify(voiceClone)),
    ]);
    expect(run.status).toBe(30);
    const results = JSON.parse(run.stdout);
    expect(results.map((r: { verdict: { outcome: string } }) => r.verdict.outcome)).toEqual([
      'notify',
      'prohibited',
    ]);
  });

  it('uses another pack by path', () => {
    const run = runCli([
      'check',
      '--json',
      '--pack',
      'test/fixtures/packs/minimal-second-studio.yaml',
      write('c.yaml', stringify({ ...moodboard, media: ['audio'], output: { final: 'yes' } })),
    ]);
    expect(run.status).toBe(30);
    expect(JSON.parse(run.stdout).pack).toBe('example-studio-2026@2.1.0');
  });

  describe('bad input: exit 2 and one clear message, never a stack trace', () => {
    const cases: [string, () => string, RegExp][] = [
      ['a missing file', () => join(dir, 'nope.yaml'), /nope\.yaml: no such file/],
      [
        'a file that is not YAML or JSON',
        () => write('bad.yaml', 'production: [unclosed\n  x: {'),
        /is not valid YAML or JSON/,
      ],
      [
        'a binary file',
        () => write('bin.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])),
        /is a binary file/,
      ],
      [
        'a 10 MB file',
        () => write('big.yaml', `description: ${'x'.repeat(10 * 1024 * 1024)}\n`),
        /is 10\.0 MB; a disclosure file may be at most 1 MB/,
      ],
      ['a folder', () => dir, /is a folder/],
      ['an empty file', () => write('empty.yaml', '\n'), /is empty/],
      [
        'a wrong enum value',
        () => write('enum.yaml', stringify({ ...moodboard, phase: 'editing' })),
        /phase: "editing" is not allowed; expected one of development, pre_production/,
      ],
      [
        'an unknown key',
        () => write('key.yaml', stringify({ ...moodboard, budget: 3 })),
        /budget: unknown key "budget"/,
      ],
    ];
    for (const [what, file, message] of cases) {
      it(what, () => {
        const run = runCli(['check', file()]);
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(6);
        expectNoStackTrace(run.stderr);
      });
    }

    it('lists every problem of an invalid disclosure at once', () => {
      const run = runCli([
        'check',
        write(
          'many.yaml',
          stringify({
            ...moodboard,
            phase: 'x',
            media: ['smell'],
            tools: [{ name: 'T', enterprise: 'maybe' }],
          }),
        ),
      ]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/is not a valid disclosure \(3 problems\)/);
      for (const path of ['phase', 'media[0]', 'tools[0].enterprise'])
        expect(run.stderr).toContain(`  - ${path}: `);
    });

    it('refuses a pack that does not exist', () => {
      const run = runCli(['check', '--pack', 'nope', write('p.yaml', stringify(moodboard))]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/no such pack; shipped packs: netflix-genai-2025-08@1\.0\.0/);
      expectNoStackTrace(run.stderr);
    });
  });
});

describe('clearframe packs and explain', () => {
  it('lists the shipped packs', () => {
    const run = runCli(['packs', '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ id: 'netflix-genai-2025-08', version: '1.0.0', rules: 23 }),
    ]);
  });

  it('explains one rule with its citation and condition', () => {
    const run = runCli(['explain', 'tp-2']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^TP-2 {2}Material alteration of a recorded performance/);
    expect(run.stdout).toContain('Guidance:  Written approval — 3. Talent & Performance');
    expect(run.stdout).toContain('fact: $.use');
  });

  it('names the rules that exist when asked for one that does not', () => {
    const run = runCli(['explain', 'XX-9']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no rule "XX-9" in netflix-genai-2025-08@1\.0\.0; its rules are P1, P2/);
  });

  it('answers an unknown command with a usage error, exit 2', () => {
    const run = runCli(['chek']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'chek'/);
  });
});
