import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO_PASSWORD } from '../../src/services/seed/seed-demo.js';
import { TestClient } from '../helpers/http-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Every public scenario of ../shared/policy/scenarios submitted over real HTTP: each lands in
 * the state its outcome routes to, with the expected outcome, rules and open questions.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scenariosDir = join(resolve(repoRoot, '..', 'shared'), 'policy', 'scenarios');

type Scenario = {
  name: string;
  expect: { outcome: string; rules?: string[]; openQuestions?: string[] };
  disclosure: Record<string, unknown>;
};

const scenarios: { file: string; scenario: Scenario }[] = readdirSync(scenariosDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .flatMap((file) =>
    (parse(readFileSync(join(scenariosDir, file), 'utf8')) as Scenario[]).map((scenario) => ({
      file,
      scenario,
    })),
  );

const STATE_FOR: Record<string, string> = {
  notify: 'acknowledged',
  escalate: 'in_review',
  approval: 'in_review',
  prohibited: 'blocked',
};

let running: TestServer;
let partner: TestClient;
let productionId: string;

beforeAll(async () => {
  running = await startTestServer();
  partner = TestClient.over((path, init) => fetch(`${running.server.url}${path}`, init));
  expect((await partner.signIn('partner@demo.test', DEMO_PASSWORD)).status).toBe(200);
  productionId = (await partner.get('/api/productions')).body.items[0].id;
});
afterAll(async () => {
  await running?.dispose();
});

describe('public scenarios submitted end to end', () => {
  it('finds the public scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it.each(scenarios.map((s) => [`${s.file}: ${s.scenario.name}`, s.scenario] as const))(
    '%s',
    async (_label, scenario) => {
      const disclosure = { schema: 'clearframe/disclosure@1', ...scenario.disclosure };
      const res = await partner.post(`/api/productions/${productionId}/disclosures`, { disclosure });
      expect(res.status).toBe(201);
      expect(res.body.revision.outcome).toBe(scenario.expect.outcome);
      expect(res.body.state).toBe(STATE_FOR[scenario.expect.outcome]);
      const rules = res.body.revision.verdict.findings.map((f: { rule: string }) => f.rule);
      expect(rules).toEqual(expect.arrayContaining(scenario.expect.rules ?? []));
      expect(res.body.revision.verdict.openQuestions).toEqual(
        expect.arrayContaining(scenario.expect.openQuestions ?? []),
      );
      const stored = await partner.get(`/api/disclosures/${res.body.id}`);
      expect(stored.body.state).toBe(res.body.state);
    },
  );
});
