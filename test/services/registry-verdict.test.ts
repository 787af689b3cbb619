import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { loadDefaultPack } from '../../src/packs/load-packs.js';
import { nodeSha256Hex } from '../../src/platform/node-sha256.js';
import { parseDisclosure } from '../../src/policy/disclosure.js';
import { evaluate } from '../../src/policy/evaluate.js';
import type { Verdict } from '../../src/policy/verdict.js';
import { listConsents } from '../../src/services/consents/list-consents.js';
import { recordConsent } from '../../src/services/consents/record-consent.js';
import { registerPerformer } from '../../src/services/consents/register-performer.js';
import { revokeConsent } from '../../src/services/consents/revoke-consent.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { listTools } from '../../src/services/tools/list-tools.js';
import { registerTool } from '../../src/services/tools/register-tool.js';
import { updateTool } from '../../src/services/tools/update-tool.js';
import { auditEvents, disclosureRevisions } from '../../src/store/schema.js';
import { talentUse, toolRecord, usingTool } from '../helpers/registry.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World } from '../helpers/world.js';

let db: TestStore;
let world: World;

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store);
  const admin = world.ctx('studioAdmin');
  await registerTool({ ctx: admin, input: toolRecord({ name: 'Approved Tool' }) });
  await registerTool({
    ctx: admin,
    input: toolRecord({
      name: 'Conditional Tool',
      status: 'approved_with_conditions',
      conditions: 'no talent likeness',
    }),
  });
  await registerTool({
    ctx: admin,
    input: toolRecord({
      name: 'Blocked Tool',
      status: 'blocked',
      statusReason: 'trains on customer uploads',
    }),
  });
  await registerTool({
    ctx: admin,
    input: toolRecord({ name: 'Keeper Tool', storesInputs: true, retentionDays: 30 }),
  });
});
afterAll(async () => {
  await db?.dispose();
});

async function submit(document: unknown) {
  const { result } = await submitDisclosure({
    ctx: world.ctx('partner'),
    input: { productionId: world.productionId, disclosure: document },
  });
  return result;
}

async function storedRevision(disclosureId: string) {
  const [row] = await db.store.transaction((tx) =>
    tx.select().from(disclosureRevisions).where(eq(disclosureRevisions.disclosureId, disclosureId)),
  );
  if (row === undefined) throw new Error('no revision stored');
  return row;
}

/** Evaluating the stored document with the stored facts must give the stored verdict. */
async function expectReproducible(disclosureId: string): Promise<Verdict> {
  const row = await storedRevision(disclosureId);
  const stored = row.verdict as Verdict;
  const parsed = parseDisclosure(row.document);
  if (!parsed.ok) throw new Error('stored document no longer parses');
  const again = evaluate(parsed.disclosure, loadDefaultPack(), {
    sha256: nodeSha256Hex,
    ...(stored.facts ? { facts: stored.facts } : {}),
  });
  expect(JSON.parse(JSON.stringify(again))).toEqual(stored);
  return stored;
}

const rules = (verdict: { findings: readonly { rule: string }[] }) => verdict.findings.map((f) => f.rule);

describe('tool registry facts in the stored verdict', () => {
  it('keeps an approved tool at notify and stores its facts', async () => {
    const view = await submit(usingTool('approved tool'));
    expect(view.revision.outcome).toBe('notify');
    const stored = await expectReproducible(view.id);
    expect(stored.facts?.tools?.[0]).toMatchObject({ registryStatus: 'approved', registryRetainsData: 'no' });
  });

  it('notes the conditions of a conditionally approved tool', async () => {
    const view = await submit(usingTool('Conditional Tool'));
    const stored = await expectReproducible(view.id);
    expect(rules(stored)).toContain('REG-3');
    expect(stored.findings.find((f) => f.rule === 'REG-3')?.reason).toContain('no talent likeness');
  });

  it('prohibits a use of a blocked tool, giving the block reason', async () => {
    const view = await submit(usingTool('BLOCKED TOOL'));
    expect(view.state).toBe('blocked');
    const stored = await expectReproducible(view.id);
    expect(stored.outcome).toBe('prohibited');
    expect(stored.findings.find((f) => f.rule === 'REG-1')?.reason).toContain('trains on customer uploads');
  });

  it('sends a tool the registry does not hold to the contact', async () => {
    const view = await submit(usingTool('Brand New Tool'));
    expect(view.state).toBe('in_review');
    const stored = await expectReproducible(view.id);
    expect(stored.facts?.tools?.[0]).toEqual({ registryStatus: 'unregistered' });
    expect(rules(stored)).toContain('REG-2');
  });

  it('fails P2 for a tool the registry says keeps inputs, whatever the partner answered', async () => {
    const view = await submit(usingTool('Keeper Tool'));
    const stored = await expectReproducible(view.id);
    expect(stored.findings.find((f) => f.rule === 'P2')).toMatchObject({ contradiction: true });
  });
});

describe('consent registry facts in the stored verdict', () => {
  beforeAll(async () => {
    const legal = world.ctx('legal');
    const covered = await registerPerformer({ ctx: legal, input: { displayName: 'Lead Actor' } });
    const elsewhere = await registerPerformer({ ctx: legal, input: { displayName: 'Guest Star' } });
    const expired = await registerPerformer({ ctx: legal, input: { displayName: 'Former Lead' } });
    const revoked = await registerPerformer({ ctx: legal, input: { displayName: 'Withdrawn Actor' } });
    await registerPerformer({
      ctx: legal,
      input: { displayName: 'Late Legend', deceased: true, authorisingBody: 'the Legend Estate' },
    });
    await registerPerformer({ ctx: legal, input: { displayName: 'Unsigned Extra' } });
    const base = {
      productionId: world.productionId,
      description: 'De-ageing in the 1970s flashback scenes of episode 3, final cut.',
      unionCovered: true,
      validFrom: '2026-01-01',
    };
    await recordConsent({ ctx: legal, input: { ...base, performerId: covered.id, use: 'alteration' } });
    await recordConsent({
      ctx: legal,
      input: { ...base, performerId: elsewhere.id, use: 'alteration', productionId: world.otherProductionId },
    });
    await recordConsent({
      ctx: legal,
      input: { ...base, performerId: expired.id, use: 'alteration', validTo: '2026-03-01' },
    });
    const toRevoke = await recordConsent({
      ctx: legal,
      input: { ...base, performerId: revoked.id, use: 'alteration' },
    });
    await revokeConsent({
      ctx: legal,
      input: { consentId: toRevoke.id, reason: 'the performer withdrew consent' },
    });
  });

  const cases: [string, string, string, string | RegExp][] = [
    ['an active consent', 'Lead Actor', 'active', /consent covers alteration on this production/],
    ['no consent on file', 'Unsigned Extra', 'none', 'no consent on file'],
    ['a performer not in the registry', 'Nobody Registered', 'none', 'no consent on file'],
    [
      'a consent for another use',
      'Lead Actor',
      'other_use',
      'the consent covers alteration, not a voice replica',
    ],
    [
      'a consent for another production',
      'Guest Star',
      'other_production',
      /^the consent covers Other Title .*, not this production$/,
    ],
    ['an expired consent', 'Former Lead', 'expired', 'expired on 2026-03-01'],
    [
      'a revoked consent',
      'Withdrawn Actor',
      'revoked',
      /^revoked on \d{4}-\d{2}-\d{2}: the performer withdrew consent$/,
    ],
    [
      'a deceased performer without authorisation',
      'Late Legend',
      'deceased_unauthorised',
      'deceased: no authorisation from the estate or union (the Legend Estate)',
    ],
  ];

  for (const [label, performer, record, note] of cases) {
    it(`names the gap for ${label}`, async () => {
      const use = record === 'other_use' ? 'voice_replica' : 'alteration';
      const view = await submit(talentUse(performer, use));
      const stored = await expectReproducible(view.id);
      const facts = stored.facts?.talent?.[0];
      expect(facts?.consentRecord).toBe(record);
      if (typeof note === 'string') expect(facts?.consentNote).toBe(note);
      else expect(facts?.consentNote).toMatch(note);
      if (record === 'active') {
        expect(stored.outcome).toBe('approval');
      } else {
        expect(stored.outcome).toBe('prohibited');
        expect(view.state).toBe('blocked');
        const finding = stored.findings.find((f) => f.subject === performer && f.outcome === 'prohibited');
        expect(finding?.reason).toContain(facts?.consentNote ?? '?');
      }
    });
  }

  it("leaves the partner's answers in charge for a studio that keeps no registry yet", async () => {
    const fresh = await makeWorld(db.store);
    const { result } = await submitDisclosure({
      ctx: fresh.ctx('partner'),
      input: { productionId: fresh.productionId, disclosure: talentUse('Lead Actor') },
    });
    const stored = await expectReproducible(result.id);
    expect(stored.facts).toBeUndefined();
    expect(stored.outcome).toBe('approval');
  });
});

describe('registry verbs', () => {
  async function refused(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it('refuses tool changes to everyone but studio admins', async () => {
    for (const who of ['partner', 'contact', 'legal', 'qc', 'auditor'] as const) {
      expect(
        (await refused(registerTool({ ctx: world.ctx(who), input: toolRecord({ name: `x-${who}` }) }))).code,
      ).toBe('FORBIDDEN');
    }
  });

  it('refuses consent changes to everyone but studio legal', async () => {
    for (const who of ['partner', 'contact', 'studioAdmin', 'qc', 'auditor'] as const) {
      expect(
        (await refused(registerPerformer({ ctx: world.ctx(who), input: { displayName: 'X' } }))).code,
      ).toBe('FORBIDDEN');
    }
  });

  it('refuses a duplicate tool name whatever its case, and a block without its reason', async () => {
    const dup = await refused(
      registerTool({ ctx: world.ctx('studioAdmin'), input: toolRecord({ name: 'approved TOOL' }) }),
    );
    expect(dup.code).toBe('CONFLICT');
    const bad = await refused(
      registerTool({
        ctx: world.ctx('studioAdmin'),
        input: toolRecord({ name: 'Half Blocked', status: 'blocked' }),
      }),
    );
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.details['issues']).toEqual([
      { path: 'statusReason', value: null, message: 'a blocked tool needs the reason' },
    ]);
  });

  it("hides one studio's registry entries from another studio", async () => {
    const other = await makeWorld(db.store);
    const [ours] = await listTools({ ctx: world.ctx('studioAdmin') });
    if (ours === undefined) throw new Error('no tool registered');
    const update = await refused(
      updateTool({
        ctx: other.ctx('studioAdmin'),
        input: { toolId: ours.id, tool: toolRecord({ name: ours.name }) },
      }),
    );
    expect(update.code).toBe('NOT_FOUND');
    expect(await listTools({ ctx: other.ctx('partner') })).toEqual([]);
    const [consent] = await listConsents({ ctx: world.ctx('legal') });
    if (consent === undefined) throw new Error('no consent recorded');
    const revoke = await refused(
      revokeConsent({ ctx: other.ctx('legal'), input: { consentId: consent.id, reason: 'x' } }),
    );
    expect(revoke.code).toBe('NOT_FOUND');
    expect(await listConsents({ ctx: other.ctx('legal') })).toEqual([]);
  });

  it('records registry changes in the studio ledger without personal data', async () => {
    const rows = await db.store.transaction((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.orgId, world.studioId)),
    );
    const types = rows.map((r) => r.type);
    expect(types.filter((t) => t === 'tool.registered')).toHaveLength(4);
    expect(types.filter((t) => t === 'performer.registered')).toHaveLength(6);
    expect(types).toContain('consent.recorded');
    expect(types).toContain('consent.revoked');
    expect(
      JSON.stringify(rows.filter((r) => r.type.startsWith('performer')).map((r) => r.data)),
    ).not.toContain('Lead Actor');
  });
});
