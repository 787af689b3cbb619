import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordConsent } from '../../src/services/consents/record-consent.js';
import { registerPerformer } from '../../src/services/consents/register-performer.js';
import { decideDisclosure } from '../../src/services/disclosures/decide-disclosure.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { expireRegistryAndApprovals } from '../../src/services/registry/expire.js';
import { approvals, auditEvents, consents, disclosures } from '../../src/store/schema.js';
import { finalShot } from '../helpers/disclosures.js';
import { talentUse } from '../helpers/registry.js';
import { testWorld } from '../helpers/test-world.js';

const given = testWorld();

describe('expiry', () => {
  it('marks consents and approvals past their end, records each in the ledger, and does it once', async () => {
    const legal = given.world.ctx('legal');
    const performer = await registerPerformer({ ctx: legal, input: { displayName: 'Lead Actor' } });
    const base = {
      performerId: performer.id,
      productionId: given.world.productionId,
      use: 'alteration',
      description: 'De-ageing in the 1970s flashback scenes of episode 3, final cut.',
      unionCovered: true,
      validFrom: '2026-01-01',
    };
    const expiresAt = new Date(Date.now() + 60 * 60_000);
    const now = new Date(expiresAt.getTime() + 1);
    const today = now.toISOString().slice(0, 10);
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const ended = await recordConsent({ ctx: legal, input: { ...base, validTo: yesterday } });
    const lastDay = await recordConsent({ ctx: legal, input: { ...base, validTo: today } });
    const open = await recordConsent({ ctx: legal, input: base });

    const { result: shot } = await submitDisclosure({
      ctx: given.world.ctx('partner'),
      input: { productionId: given.world.productionId, disclosure: finalShot() },
    });
    await decideDisclosure({
      ctx: legal,
      input: { disclosureId: shot.id, decision: 'approve', expiresAt: expiresAt.toISOString() },
    });

    const first = await expireRegistryAndApprovals({ store: given.db.store, now });
    const consentIds = [ended.id, lastDay.id, open.id];
    const rows = await given.db.store.transaction((tx) =>
      tx.select().from(consents).where(inArray(consents.id, consentIds)),
    );
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    // The last valid day still counts: only the consent that ended yesterday is expired.
    expect(status).toEqual({ [ended.id]: 'expired', [lastDay.id]: 'active', [open.id]: 'active' });
    expect(first).toEqual({ consentsExpired: 1, approvalsExpired: 1, reopened: 0 });
    const [approval] = await given.db.store.transaction((tx) =>
      tx.select().from(approvals).where(eq(approvals.disclosureId, shot.id)),
    );
    expect(approval?.status).toBe('expired');

    const ledger = await given.db.store.transaction((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.orgId, given.world.studioId),
            inArray(auditEvents.type, ['consent.expired', 'approval.expired']),
          ),
        ),
    );
    expect(ledger.map((e) => e.type).sort()).toEqual(['approval.expired', 'consent.expired']);
    expect(ledger.find((e) => e.type === 'consent.expired')?.data).toEqual({
      consentId: ended.id,
      validTo: yesterday,
    });
    expect(ledger.every((e) => e.actorKind === 'system' && e.actorId === 'expiry')).toBe(true);

    expect(await expireRegistryAndApprovals({ store: given.db.store, now })).toEqual({
      consentsExpired: 0,
      approvalsExpired: 0,
      reopened: 0,
    });
  });

  it('re-opens an approved use whose consent has run out and voids its approval, naming the cause', async () => {
    const legal = given.world.ctx('legal');
    const performer = await registerPerformer({ ctx: legal, input: { displayName: 'Expiring Star' } });
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const consent = await recordConsent({
      ctx: legal,
      input: {
        performerId: performer.id,
        productionId: given.world.productionId,
        use: 'alteration',
        description: 'De-ageing in the 1970s flashback scenes of episode 3, final cut.',
        unionCovered: true,
        validFrom: '2026-01-01',
        validTo: yesterday,
      },
    });
    // Disclosed and approved two days ago, while the consent was in force.
    const then = new Date(now.getTime() - 2 * 86_400_000);
    const { result: use } = await submitDisclosure({
      ctx: { ...given.world.ctx('partner'), now: () => then },
      input: { productionId: given.world.productionId, disclosure: talentUse('Expiring Star') },
    });
    expect(use.revision.outcome).toBe('approval');
    await decideDisclosure({
      ctx: { ...legal, now: () => then },
      input: { disclosureId: use.id, decision: 'approve' },
    });

    const result = await expireRegistryAndApprovals({ store: given.db.store, now });
    expect(result).toEqual({ consentsExpired: 1, approvalsExpired: 0, reopened: 1 });
    const [row] = await given.db.store.transaction((tx) =>
      tx.select().from(disclosures).where(eq(disclosures.id, use.id)),
    );
    expect(row).toMatchObject({ state: 'blocked', currentRevision: 2 });
    const [approval] = await given.db.store.transaction((tx) =>
      tx.select().from(approvals).where(eq(approvals.disclosureId, use.id)),
    );
    expect(approval).toMatchObject({
      status: 'voided',
      voidReason: 'a consent it relies on expired (revision 2)',
    });
    const events = await given.db.store.transaction((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.orgId, given.world.studioId), eq(auditEvents.type, 'disclosure.reevaluated')),
        ),
    );
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        disclosureId: use.id,
        cause: { kind: 'consent.expired', consentId: consent.id },
      }),
    ]);
  });
});
