import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/domain/errors.js';
import { verifyLedger } from '../../src/services/audit/verify-ledger.js';
import { revokeApiToken } from '../../src/services/auth/api-tokens.js';
import { authenticateApiToken } from '../../src/services/auth/authenticate.js';
import { createApiToken } from '../../src/services/auth/create-api-token.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { insertAsJson } from '../../src/store/insert-as-json.js';
import { auditEvents, disclosureRevisions, disclosures, notices } from '../../src/store/schema.js';
import { consumerChatbot, moodboard } from '../helpers/disclosures.js';
import { testWorld } from '../helpers/test-world.js';

/*
 * Submissions without an Idempotency-Key, and API token lookups, share round trips with the
 * others in flight (batch-while-busy.ts). Fired all at once here, each must still come out
 * exactly as it would alone: its own rows, its own verdict, its own refusal.
 */

const given = testWorld();

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe('concurrent submissions', () => {
  it('each lands with its own rows and verdict, a refusal fails alone, and the ledger verifies', async () => {
    const documents = Array.from({ length: 30 }, (_, n) =>
      n % 3 === 0 ? consumerChatbot() : moodboard({ description: `Moodboard ${n}` }),
    );
    const submissions = documents.map((document, n) =>
      settle(
        submitDisclosure({
          ctx: given.world.ctx(n % 5 === 0 ? 'vendor' : 'partner'),
          input: { productionId: given.world.productionId, disclosure: document, draft: n === 7 },
        }),
      ),
    );
    // Another partner's production: as absent as a missing one, in the middle of the batch.
    const refused = settle(
      submitDisclosure({
        ctx: given.world.ctx('otherPartner'),
        input: { productionId: given.world.productionId, disclosure: moodboard() },
      }),
    );
    const results = await Promise.all(submissions);
    const refusal = await refused;

    expect(refusal.ok).toBe(false);
    expect(refusal.ok ? undefined : (refusal.error as AppError).code).toBe('NOT_FOUND');
    const views = results.map((r) => {
      if (!r.ok) throw r.error;
      return r.value.result;
    });
    expect(new Set(views.map((v) => v.id)).size).toBe(30);
    views.forEach((view, n) => {
      expect(view.revision.disclosure).toEqual(
        expect.objectContaining({ description: documents[n]?.['description'] }),
      );
      expect(view.state).toBe(n === 7 ? 'draft' : n % 3 === 0 ? 'in_review' : 'acknowledged');
      expect(view.organisationId).toBe(n % 5 === 0 ? given.world.vendorId : given.world.partnerId);
    });

    const ids = views.map((v) => v.id);
    const stored = await given.db.store.read((tx) =>
      tx.select().from(disclosures).where(inArray(disclosures.id, ids)),
    );
    const revisions = await given.db.store.read((tx) =>
      tx.select().from(disclosureRevisions).where(inArray(disclosureRevisions.disclosureId, ids)),
    );
    const told = await given.db.store.read((tx) =>
      tx.select().from(notices).where(inArray(notices.disclosureId, ids)),
    );
    expect(stored.map((d) => [d.id, d.state]).sort()).toEqual(views.map((v) => [v.id, v.state]).sort());
    expect(revisions.map((r) => [r.disclosureId, r.inputHash]).sort()).toEqual(
      views.map((v) => [v.id, v.revision.inputHash]).sort(),
    );
    // Every submitted one told its contact; the draft told nobody.
    expect(new Set(told.map((t) => t.disclosureId))).toEqual(new Set(ids.filter((_, n) => n !== 7)));

    await given.db.store.sealLedger();
    const ledger = await given.db.store.read((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.orgId, given.world.partnerId))
        .orderBy(asc(auditEvents.seq)),
    );
    const first = views[1];
    expect(
      ledger
        .filter((e) => (e.data as { disclosureId?: string }).disclosureId === first?.id)
        .map((e) => e.type),
    ).toEqual([
      'disclosure.submitted',
      'disclosure.state_changed',
      'disclosure.evaluated',
      'disclosure.state_changed',
      'notice.recorded',
    ]);
    const report = await verifyLedger(given.db.store);
    expect(report.organisations.every((o) => o.ok && o.pending === 0)).toBe(true);
  });
});

describe('the ledger of a submission', () => {
  it('is chained as the submission commits, after what other changes committed before it', async () => {
    const { db, world } = given;
    // Another change's event, committed and not yet sealed (written here without waking the sealer).
    const earlier = pendingRow(world.partnerId);
    await db.store.read((tx) => tx.execute(insertAsJson(auditEvents, [earlier])));

    const { result } = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: moodboard() },
    });

    // No sealLedger() here: nothing may be left pending.
    const chain = await db.store.read((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.orgId, world.partnerId))
        .orderBy(asc(auditEvents.seq)),
    );
    expect(chain.filter((e) => e.hash === null)).toEqual([]);
    const ours = chain.filter((e) => (e.data as { disclosureId?: string }).disclosureId === result.id);
    const before = chain.find((e) => e.id === earlier.id);
    expect(ours).toHaveLength(5);
    expect(ours.map((e) => e.seq)).toEqual(ours.map((_, i) => (before?.seq ?? 0) + 1 + i));
    const report = await verifyLedger(db.store);
    expect(report.organisations.find((o) => o.orgId === world.partnerId)).toMatchObject({
      ok: true,
      pending: 0,
    });
  });
});

const pendingRow = (orgId: string) => ({
  id: randomUUID(),
  orgId,
  type: 'comment.added',
  actorKind: 'user',
  actorId: 'someone',
  occurredAt: new Date().toISOString(),
  data: { commentId: 'c1', disclosureId: 'elsewhere' },
});

describe('concurrent API token lookups', () => {
  it('give each token its own principal, and none to a revoked or expired token', async () => {
    const partner = await createApiToken({ ctx: given.world.ctx('partner'), input: { name: 'ci' } });
    const legal = await createApiToken({
      ctx: given.world.ctx('legal'),
      input: { name: 'ci', scope: 'read' },
    });
    const revoked = await createApiToken({ ctx: given.world.ctx('contact'), input: { name: 'old' } });
    const shortLived = await createApiToken({
      ctx: given.world.ctx('qc'),
      input: { name: 'day', expiresInDays: 1 },
    });
    await revokeApiToken({ ctx: given.world.ctx('contact'), input: { tokenId: revoked.id } });
    const later = new Date(Date.now() + 2 * 86_400_000);

    const asks = [
      authenticateApiToken(given.db.store, partner.token),
      authenticateApiToken(given.db.store, legal.token),
      authenticateApiToken(given.db.store, revoked.token),
      authenticateApiToken(given.db.store, 'cf_not_a_token'),
      authenticateApiToken(given.db.store, shortLived.token),
      authenticateApiToken(given.db.store, shortLived.token, later),
      authenticateApiToken(given.db.store, partner.token, later),
    ];
    const [asPartner, asLegal, asRevoked, asNobody, asQc, asQcLater, asPartnerLater] =
      await Promise.all(asks);
    expect(asPartner).toMatchObject({
      userId: given.world.users.partner.userId,
      scope: 'read_write',
      via: 'api_token',
    });
    expect(asLegal).toMatchObject({ userId: given.world.users.legal.userId, scope: 'read' });
    expect(asRevoked).toBeUndefined();
    expect(asNobody).toBeUndefined();
    expect(asQc).toMatchObject({ userId: given.world.users.qc.userId });
    expect(asQcLater).toBeUndefined();
    expect(asPartnerLater).toMatchObject({ userId: given.world.users.partner.userId });
  });
});
