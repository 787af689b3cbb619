import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialFingerprint } from '../../src/domain/review/material-change.js';
import { recordConsent } from '../../src/services/consents/record-consent.js';
import { registerPerformer } from '../../src/services/consents/register-performer.js';
import { revokeConsent } from '../../src/services/consents/revoke-consent.js';
import { assessDisclosure, validateDisclosure } from '../../src/services/disclosures/assess.js';
import { decideDisclosure } from '../../src/services/disclosures/decide-disclosure.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { lookupRegistryFacts } from '../../src/services/registry/lookup-facts.js';
import { registerTool } from '../../src/services/tools/register-tool.js';
import { updateTool } from '../../src/services/tools/update-tool.js';
import {
  approvals,
  auditEvents,
  disclosureRevisions,
  disclosures,
  notices,
  productions,
} from '../../src/store/schema.js';
import { moodboard } from '../helpers/disclosures.js';
import { talentUse, toolRecord } from '../helpers/registry.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World } from '../helpers/world.js';

let db: TestStore;
let world: World;
let otherStudio: World;

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store);
  otherStudio = await makeWorld(db.store);
});
afterAll(async () => {
  await db?.dispose();
});

type Kind = { tools: string[]; state: string; approved?: boolean };

/** Inserts `count` disclosures of one kind as the services would have left them, in batches. */
async function seed(w: World, productionId: string, kind: Kind, count: number): Promise<string[]> {
  const document = moodboard({
    tools: kind.tools.map((name) => ({ name, enterprise: 'yes', retainsData: 'no' })),
  });
  const [production] = await db.store.transaction((tx) =>
    tx.select().from(productions).where(eq(productions.id, productionId)),
  );
  if (production === undefined) throw new Error('no production');
  const at = new Date();
  const assessment = await db.store.transaction(async (tx) => {
    const parsed = validateDisclosure(document);
    return assessDisclosure(parsed, await lookupRegistryFacts(tx, production, parsed, at));
  });
  const ids = Array.from({ length: count }, () => randomUUID());
  for (let start = 0; start < ids.length; start += 250) {
    const batch = ids.slice(start, start + 250);
    await db.store.transaction(async (tx) => {
      await tx.insert(disclosures).values(
        batch.map((id) => ({
          id,
          productionId,
          orgId: w.partnerId,
          createdBy: w.users.partner.userId,
          state: kind.state,
          currentRevision: 1,
          createdAt: at,
          updatedAt: at,
        })),
      );
      await tx.insert(disclosureRevisions).values(
        batch.map((id) => ({
          id: randomUUID(),
          disclosureId: id,
          number: 1,
          document: assessment.disclosure,
          verdict: assessment.verdict,
          outcome: assessment.verdict.outcome,
          pack: assessment.verdict.pack,
          inputHash: assessment.verdict.inputHash,
          materialHash: materialFingerprint(assessment.disclosure),
          createdBy: w.users.partner.userId,
          createdAt: at,
        })),
      );
      if (kind.approved) {
        await tx.insert(approvals).values(
          batch.map((id) => ({
            id: randomUUID(),
            disclosureId: id,
            revision: 1,
            approverId: w.users.legal.userId,
            issuedAt: at,
            status: 'active',
          })),
        );
      }
    });
  }
  return ids;
}

async function snapshot(ids: readonly string[]) {
  const rows = await db.store.transaction((tx) =>
    tx
      .select()
      .from(disclosures)
      .where(inArray(disclosures.id, [...ids])),
  );
  return new Map(
    rows.map((r) => [r.id, { state: r.state, revision: r.currentRevision, version: r.version }]),
  );
}

describe('blocking a tool', () => {
  it('re-opens exactly the open disclosures naming it, over 1,300 disclosures, and no others', async () => {
    const admin = world.ctx('studioAdmin');
    const target = await registerTool({ ctx: admin, input: toolRecord({ name: 'Target Tool' }) });
    await registerTool({ ctx: admin, input: toolRecord({ name: 'Other Tool' }) });
    await registerTool({ ctx: otherStudio.ctx('studioAdmin'), input: toolRecord({ name: 'Target Tool' }) });

    const affectedOpen = await seed(
      world,
      world.productionId,
      { tools: ['Target Tool'], state: 'acknowledged' },
      200,
    );
    const affectedOther = await seed(
      world,
      world.otherProductionId,
      { tools: ['target tool'], state: 'in_review' },
      200,
    );
    const affectedApproved = await seed(
      world,
      world.productionId,
      { tools: ['Other Tool', ' TARGET TOOL'], state: 'approved', approved: true },
      200,
    );
    const otherTool = await seed(
      world,
      world.productionId,
      { tools: ['Other Tool'], state: 'acknowledged' },
      200,
    );
    const otherApproved = await seed(
      world,
      world.productionId,
      { tools: ['Other Tool'], state: 'approved', approved: true },
      100,
    );
    const withdrawn = await seed(
      world,
      world.productionId,
      { tools: ['Target Tool'], state: 'withdrawn' },
      100,
    );
    const drafts = await seed(world, world.productionId, { tools: ['Target Tool'], state: 'draft' }, 100);
    const similar = await seed(
      world,
      world.productionId,
      { tools: ['Target Tool Pro'], state: 'acknowledged' },
      50,
    );
    const otherStudios = await seed(
      otherStudio,
      otherStudio.productionId,
      { tools: ['Target Tool'], state: 'acknowledged' },
      150,
    );
    const affected = [...affectedOpen, ...affectedOther, ...affectedApproved];
    const untouched = [...otherTool, ...otherApproved, ...withdrawn, ...drafts, ...similar, ...otherStudios];
    const before = await snapshot(untouched);

    const started = performance.now();
    const { cascade } = await updateTool({
      ctx: admin,
      input: {
        toolId: target.id,
        tool: {
          ...toolRecord({ name: 'Target Tool' }),
          status: 'blocked',
          statusReason: 'trains on customer uploads',
        },
      },
    });
    const ms = performance.now() - started;
    const total = affected.length + untouched.length;
    console.log(
      `cascade: ${total} disclosures, ${cascade?.examined} examined, ${cascade?.reopened.length} re-opened, ` +
        `${cascade?.approvalsVoided} approvals voided, ${untouched.length} untouched, in ${Math.round(ms)} ms (${db.store.kind})`,
    );
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(new Set(cascade?.reopened)).toEqual(new Set(affected));
    expect(cascade?.approvalsVoided).toBe(affectedApproved.length);

    const after = await snapshot(affected);
    for (const id of affected) expect(after.get(id)).toMatchObject({ state: 'blocked', revision: 2 });
    expect(await snapshot(untouched)).toEqual(before);

    const voided = await db.store.transaction((tx) =>
      tx
        .select()
        .from(approvals)
        .where(inArray(approvals.disclosureId, [...affectedApproved, ...otherApproved])),
    );
    expect(
      voided
        .filter((a) => a.status === 'voided')
        .map((a) => a.disclosureId)
        .sort(),
    ).toEqual([...affectedApproved].sort());
    expect(voided.find((a) => a.status === 'voided')?.voidReason).toMatch(/blocked in the tool registry/);

    const ledger = await db.store.transaction((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, world.studioId), eq(auditEvents.type, 'disclosure.reevaluated'))),
    );
    expect(ledger).toHaveLength(affected.length);
    expect(ledger[0]?.data).toMatchObject({
      cause: { kind: 'tool.blocked', toolId: target.id },
      outcome: 'prohibited',
    });
    const told = await db.store.transaction((tx) =>
      tx
        .select()
        .from(notices)
        .where(and(eq(notices.kind, 'disclosure.reevaluated'), inArray(notices.disclosureId, affected))),
    );
    expect(told).toHaveLength(affected.length);
  });
});

describe('revoking a consent', () => {
  it('re-opens the approved use that relied on it, voids the approval and names the cause', async () => {
    const legal = world.ctx('legal');
    const performer = await registerPerformer({ ctx: legal, input: { displayName: 'Lead Actor' } });
    await registerPerformer({ ctx: legal, input: { displayName: 'Second Lead' } });
    const consent = await recordConsent({
      ctx: legal,
      input: {
        performerId: performer.id,
        productionId: world.productionId,
        use: 'alteration',
        description: 'De-ageing in the 1970s flashback scenes of episode 3, final cut.',
        unionCovered: true,
        validFrom: '2026-01-01',
      },
    });
    const submit = (doc: unknown, productionId = world.productionId) =>
      submitDisclosure({ ctx: world.ctx('partner'), input: { productionId, disclosure: doc } }).then(
        (r) => r.result,
      );
    const relying = await submit(talentUse('Lead Actor'));
    expect(relying.revision.outcome).toBe('approval');
    await decideDisclosure({ ctx: legal, input: { disclosureId: relying.id, decision: 'approve' } });
    const otherPerformer = await submit(talentUse('Second Lead'));
    const unrelated = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: moodboard() },
    }).then((r) => r.result);

    const { cascade } = await revokeConsent({
      ctx: legal,
      input: { consentId: consent.id, reason: 'the performer withdrew consent' },
    });
    expect(cascade.reopened).toEqual([relying.id]);
    expect(cascade.approvalsVoided).toBe(1);
    const states = await snapshot([relying.id, otherPerformer.id, unrelated.id]);
    expect(states.get(relying.id)).toMatchObject({ state: 'blocked', revision: 2 });
    expect(states.get(otherPerformer.id)?.revision).toBe(1);
    expect(states.get(unrelated.id)?.revision).toBe(1);
    const [revision] = await db.store.transaction((tx) =>
      tx
        .select()
        .from(disclosureRevisions)
        .where(and(eq(disclosureRevisions.disclosureId, relying.id), eq(disclosureRevisions.number, 2))),
    );
    const verdict = revision?.verdict as { facts?: { talent?: { consentNote?: string }[] } };
    expect(verdict.facts?.talent?.[0]?.consentNote).toMatch(
      /^revoked on .*: the performer withdrew consent$/,
    );
    const [voided] = await db.store.transaction((tx) =>
      tx.select().from(approvals).where(eq(approvals.disclosureId, relying.id)),
    );
    expect(voided).toMatchObject({
      status: 'voided',
      voidReason: 'a consent it relies on was revoked (revision 2)',
    });
  });
});
