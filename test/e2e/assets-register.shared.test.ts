import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedValidation,
  loadExpected,
  sharedPath,
  sharedTrustFiles,
} from '../../src/provenance/testing/shared-fixtures.js';
import { DEMO_PASSWORD } from '../../src/services/seed/seed-demo.js';
import { finalShot } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * `clearframe assets register` on the real signed media of ../shared, over HTTP: the register
 * keeps each file's C2PA summary (signer, validation with the shared trust lists, every action's
 * digital source type) and its XMP digital source type, as expected.json records them.
 */
const FILES = [
  'genai-actions-v2.jpg',
  'cai.jpg',
  'firefly_thirdparty_gemini.png',
  'XCA.jpg',
  'no_manifest.jpg',
];

let running: TestServer;
let base: string;

beforeAll(async () => {
  running = await startTestServer();
  base = running.server.url;
});
afterAll(async () => {
  await running?.dispose();
});

describe('clearframe assets register on the shared C2PA media', () => {
  it('stores the C2PA summary and XMP digital source type of each file', async () => {
    const expected = loadExpected().c2pa;
    const partner = TestClient.over((path, init) => fetch(`${base}${path}`, init));
    expect((await partner.signIn('partner@demo.test', DEMO_PASSWORD)).status).toBe(200);
    const productionId = (await partner.get('/api/productions')).body.items[0].id;
    const disclosureId = (
      await partner.post(`/api/productions/${productionId}/disclosures`, { disclosure: finalShot() })
    ).body.id;
    const token = (await partner.post('/api/auth/tokens', { name: 'shared register' })).body.token;

    const run = await runCli([
      'assets',
      'register',
      ...FILES.map((name) => sharedPath('c2pa', name)),
      ...sharedTrustFiles().flatMap((file) => ['--trust', file]),
      '--production',
      productionId,
      '--disclosure',
      disclosureId,
      '--url',
      base,
      '--token',
      token,
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+/);
    expect(run.code).toBe(0);

    const assets = (await partner.get(`/api/productions/${productionId}/assets`)).body.items as {
      fileName: string;
      c2pa: {
        claimGenerator: string | null;
        signer: string | null;
        validation: string;
        actions: { digitalSourceType: string | null }[];
      } | null;
      digitalSourceTypes: string[];
    }[];
    expect(assets.map((asset) => asset.fileName).sort()).toEqual([...FILES].sort());
    for (const asset of assets) {
      const facts = expected[asset.fileName];
      if (facts === undefined) throw new Error(`${asset.fileName} is not in expected.json`);
      expect(asset.digitalSourceTypes, asset.fileName).toEqual(
        facts.xmpDigitalSourceType === null ? [] : [facts.xmpDigitalSourceType],
      );
      if (!facts.manifest) {
        expect(asset.c2pa, asset.fileName).toBeNull();
        continue;
      }
      expect(asset.c2pa, asset.fileName).toMatchObject({
        claimGenerator: facts.claimGenerator,
        validation: expectedValidation(facts, true),
      });
      if (facts.signer !== undefined) expect(asset.c2pa?.signer, asset.fileName).toContain(facts.signer);
      const sourceTypes = new Set(asset.c2pa?.actions.flatMap((action) => action.digitalSourceType ?? []));
      expect([...sourceTypes].sort(), asset.fileName).toEqual([...new Set(facts.digitalSourceTypes)].sort());
    }
  });
});
