import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent } from '../../src/services/consents/record-consent.js';
import { registerPerformer } from '../../src/services/consents/register-performer.js';
import { decideDisclosure } from '../../src/services/disclosures/decide-disclosure.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { expireRegistryAndApprovals } from '../../src/services/registry/expire.js';
import { approvals, auditEvents, consents } from '../../src/store/schema.js';
import { finalShot } from '../helpers/disclosures.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World } from '../helpers/world.js';

let db: TestStore;
let world: World;

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store);
});
afterAll(async () => {
  await db?.dispose();
});

describe('expiry', () => {
  it('marks consents and approvals past their end, records each in the ledger, and does it once', async () => {
    const legal = world.ctx('legal');
    const performer = await registerPerformer({ ctx: legal, input: { displayName: 'Lead Actor' } });
    const base = {
      performerId: performer.id,
      productionId: world.productionId,
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
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: finalShot() },
    });
    await decideDisclosure({
      ctx: legal,
      input: { disclosureId: shot.id, decision: 'approve', expiresAt: expiresAt.toISOString() },
    });

    const first = await expireRegistryAndApprovals({ store: db.store, now });
    const consentIds = [ended.id, lastDay.id, open.id];
    const rows = await db.store.transaction((tx) =>
      tx.select().from(consents).where(inArray(consents.id, consentIds)),
    );
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    // The last valid day still counts: only the consent that ended yesterday is expired.
    expect(status).toEqual({ [ended.id]: 'expired', [lastDay.id]: 'active', [open.id]: 'active' });
    expect(first).toEqual({ consentsExpired: 1, approvalsExpired: 1 });
    const [approval] = await db.store.transaction((tx) =>
      tx.select().from(approvals).where(eq(approvals.disclosureId, shot.id)),
    );
    expect(approval?.status).toBe('expired');

    const ledger = await db.store.transaction((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.orgId, world.studioId),
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

    expect(await expireRegistryAndApprovals({ store: db.store, now })).toEqual({
      consentsExpired: 0,
      approvalsExpired: 0,
    });
  });
});
