import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { completeCondition } from '../../src/services/disclosures/complete-condition.js';
import { decideDisclosure } from '../../src/services/disclosures/decide-disclosure.js';
import { getDisclosure, listDisclosures } from '../../src/services/disclosures/read-disclosures.js';
import { reviseDisclosure } from '../../src/services/disclosures/revise-disclosure.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { withdrawDisclosure } from '../../src/services/disclosures/withdraw-disclosure.js';
import { listNotices } from '../../src/services/notices/list-notices.js';
import { auditEvents, disclosures } from '../../src/store/schema.js';
import { alteredWithoutConsent, consumerChatbot, finalShot, moodboard } from '../helpers/disclosures.js';
import { testWorld } from '../helpers/test-world.js';

const given = testWorld();

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function ledgerTypes(orgId: string, disclosureId: string): Promise<string[]> {
  const rows = await given.db.store.transaction((tx) =>
    tx.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)).orderBy(auditEvents.entry),
  );
  return rows
    .filter((r) => (r.data as { disclosureId?: string }).disclosureId === disclosureId)
    .map((r) => r.type);
}

const submit = (document: unknown, who: 'partner' | 'vendor' = 'partner') =>
  submitDisclosure({
    ctx: given.world.ctx(who),
    input: { productionId: given.world.productionId, disclosure: document },
  }).then((r) => r.result);

describe('submitting a disclosure', () => {
  it('acknowledges a notify verdict at once, tells the contact and records it in the ledger', async () => {
    const view = await submit(moodboard());
    expect(view.state).toBe('acknowledged');
    expect(view.revision.outcome).toBe('notify');
    expect(view.revision.pack).toMatch(/@/);
    expect(view.revision.inputHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const notices = await listNotices({ ctx: given.world.ctx('contact') });
    expect(notices.some((n) => n.disclosureId === view.id && n.kind === 'disclosure.notified')).toBe(true);
    expect(await ledgerTypes(given.world.partnerId, view.id)).toEqual([
      'disclosure.submitted',
      'disclosure.state_changed',
      'disclosure.evaluated',
      'disclosure.state_changed',
      'notice.recorded',
    ]);
  });

  it('sends escalate and approval verdicts to review and blocks a prohibited one with its reasons', async () => {
    expect((await submit(consumerChatbot())).state).toBe('in_review');
    expect((await submit(finalShot())).state).toBe('in_review');
    const blocked = await submit(alteredWithoutConsent());
    expect(blocked.state).toBe('blocked');
    expect(blocked.revision.outcome).toBe('prohibited');
    expect(JSON.stringify(blocked.revision.verdict)).toContain('TP-2');
    expect(blocked.allowedMoves).toEqual(['revise', 'withdraw']);
  });

  it('refuses an invalid disclosure listing every bad key, and writes nothing', async () => {
    const before = await given.db.store.transaction((tx) => tx.select().from(disclosures));
    const error = await rejection(submit({ ...moodboard(), media: ['smell'], phase: 42, extra: true }));
    expect(error.code).toBe('INVALID_INPUT');
    const paths = (error.details['issues'] as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['media[0]', 'phase']));
    expect(paths.length).toBeGreaterThanOrEqual(3);
    const after = await given.db.store.transaction((tx) => tx.select().from(disclosures));
    expect(after.length).toBe(before.length);
  });

  it('refuses studio staff and auditors as submitters', async () => {
    for (const who of ['contact', 'legal', 'auditor', 'qc'] as const) {
      const error = await rejection(
        submitDisclosure({
          ctx: given.world.ctx(who),
          input: { productionId: given.world.productionId, disclosure: moodboard() },
        }),
      );
      expect(error.code).toBe('FORBIDDEN');
    }
  });

  it("answers another partner's production exactly like a missing one", async () => {
    const other = await rejection(
      submitDisclosure({
        ctx: given.world.ctx('partner'),
        input: { productionId: given.world.otherProductionId, disclosure: moodboard() },
      }),
    );
    const missing = await rejection(
      submitDisclosure({
        ctx: given.world.ctx('partner'),
        input: { productionId: 'no-such-id', disclosure: moodboard() },
      }),
    );
    expect(other.code).toBe('NOT_FOUND');
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('replays the same Idempotency-Key with the same body and refuses it with another body', async () => {
    const input = {
      productionId: given.world.productionId,
      disclosure: moodboard(),
      idempotencyKey: 'key-1',
    };
    const first = await submitDisclosure({ ctx: given.world.ctx('partner'), input });
    const again = await submitDisclosure({ ctx: given.world.ctx('partner'), input });
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.result).toEqual(first.result);
    const error = await rejection(
      submitDisclosure({
        ctx: given.world.ctx('partner'),
        input: { ...input, disclosure: consumerChatbot() },
      }),
    );
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const mine = await listDisclosures({ ctx: given.world.ctx('partner'), input: { limit: 500 } });
    expect(mine.filter((d) => d.id === first.result.id)).toHaveLength(1);
  });
});

describe('idempotency under concurrency', () => {
  it('creates one disclosure when the same key arrives twice at once', async () => {
    const input = {
      productionId: given.world.productionId,
      disclosure: finalShot(),
      idempotencyKey: `race-${Date.now()}`,
    };
    const [a, b] = await Promise.all([
      submitDisclosure({ ctx: given.world.ctx('partner'), input }),
      submitDisclosure({ ctx: given.world.ctx('partner'), input }),
    ]);
    expect(a.result.id).toBe(b.result.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
  });
});

describe('review and written approval', () => {
  it('lets the contact acknowledge an escalation but not approve it', async () => {
    const view = await submit(consumerChatbot());
    const denied = await rejection(
      decideDisclosure({
        ctx: given.world.ctx('contact'),
        input: { disclosureId: view.id, decision: 'approve' },
      }),
    );
    expect(denied.code).toBe('FORBIDDEN');
    const acknowledged = await decideDisclosure({
      ctx: given.world.ctx('contact'),
      input: { disclosureId: view.id, decision: 'acknowledge', expectedVersion: view.version },
    });
    expect(acknowledged.state).toBe('acknowledged');
    expect(await ledgerTypes(given.world.studioId, view.id)).toEqual([
      'disclosure.decided',
      'disclosure.state_changed',
    ]);
  });

  it('refuses an illegal move with the current state and the allowed moves', async () => {
    const view = await submit(finalShot());
    const error = await rejection(
      decideDisclosure({
        ctx: given.world.ctx('contact'),
        input: { disclosureId: view.id, decision: 'acknowledge' },
      }),
    );
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.details).toMatchObject({ state: 'in_review', event: 'acknowledge' });
    expect(error.details['allowed']).toContain('approve');
    expect(error.details['allowed']).not.toContain('acknowledge');
  });

  it('approves with conditions, completes them, keeps the approval through a typo fix and voids it on a material change', async () => {
    const view = await submit(finalShot());
    const approved = await decideDisclosure({
      ctx: given.world.ctx('legal'),
      input: {
        disclosureId: view.id,
        decision: 'approve',
        note: 'Approved for episode 6 only.',
        expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        conditions: [
          {
            text: 'Rights clearance for the building facade',
            ownerId: given.world.users.partner.userId,
            dueDate: '2030-01-31',
          },
          { text: 'Credit the VFX vendor', dueDate: '2030-02-28' },
        ],
      },
    });
    expect(approved.state).toBe('approved_with_conditions');
    expect(approved.approval).toMatchObject({
      revision: 1,
      approverId: given.world.users.legal.userId,
      status: 'active',
    });
    expect(approved.approval?.conditions.map((c) => c.status)).toEqual(['open', 'open']);

    const conditionId = approved.approval!.conditions[0]!.id;
    const done = await completeCondition({ ctx: given.world.ctx('partner'), input: { conditionId } });
    expect(done.approval?.conditions.find((c) => c.id === conditionId)).toMatchObject({
      status: 'done',
      completedBy: given.world.users.partner.userId,
    });

    const typo = await reviseDisclosure({
      ctx: given.world.ctx('partner'),
      input: {
        disclosureId: view.id,
        disclosure: finalShot('Generate the colapse of an apartment block.'),
        expectedVersion: done.version,
      },
    });
    expect(typo.state).toBe('approved_with_conditions');
    expect(typo.revision.number).toBe(2);
    expect(typo.approval?.status).toBe('active');

    const stale = await rejection(
      reviseDisclosure({
        ctx: given.world.ctx('partner'),
        input: { disclosureId: view.id, disclosure: finalShot(), expectedVersion: done.version },
      }),
    );
    expect(stale.code).toBe('PRECONDITION_FAILED');

    const material = finalShot();
    (material as { output: unknown }).output = { final: 'yes', element: 'key_character' };
    const reopened = await reviseDisclosure({
      ctx: given.world.ctx('partner'),
      input: { disclosureId: view.id, disclosure: material, expectedVersion: typo.version },
    });
    expect(reopened.state).toBe('in_review');
    expect(reopened.approval?.status).toBe('voided');
    expect(reopened.approval?.voidReason).toContain('material change');
    const voidedCondition = await rejection(
      completeCondition({
        ctx: given.world.ctx('partner'),
        input: { conditionId: approved.approval!.conditions[1]!.id },
      }),
    );
    expect(voidedCondition.code).toBe('CONFLICT');
    expect(await ledgerTypes(given.world.partnerId, view.id)).toContain('approval.voided');
    expect(await ledgerTypes(given.world.studioId, view.id)).toContain('approval.issued');
  });

  it('lets legal reject with a note and the partner revise and withdraw', async () => {
    const view = await submit(finalShot());
    const noNote = await rejection(
      decideDisclosure({
        ctx: given.world.ctx('legal'),
        input: { disclosureId: view.id, decision: 'reject' },
      }),
    );
    expect(noNote.code).toBe('INVALID_INPUT');
    const rejected = await decideDisclosure({
      ctx: given.world.ctx('legal'),
      input: { disclosureId: view.id, decision: 'reject', note: 'Not for a final deliverable.' },
    });
    expect(rejected.state).toBe('rejected');
    const revised = await reviseDisclosure({
      ctx: given.world.ctx('partner'),
      input: { disclosureId: view.id, disclosure: moodboard() },
    });
    expect(revised.state).toBe('acknowledged');
    const withdrawn = await withdrawDisclosure({
      ctx: given.world.ctx('partner'),
      input: { disclosureId: view.id },
    });
    expect(withdrawn.state).toBe('withdrawn');
    const again = await rejection(
      withdrawDisclosure({ ctx: given.world.ctx('partner'), input: { disclosureId: view.id } }),
    );
    expect(again).toMatchObject({ code: 'INVALID_TRANSITION', details: { state: 'withdrawn', allowed: [] } });
  });

  it('serialises two racing approvers: one wins, the other is refused', async () => {
    const view = await submit(finalShot());
    const race = await Promise.allSettled([
      decideDisclosure({
        ctx: given.world.ctx('legal'),
        input: { disclosureId: view.id, decision: 'approve' },
      }),
      decideDisclosure({
        ctx: given.world.ctx('legal'),
        input: { disclosureId: view.id, decision: 'reject', note: 'no' },
      }),
    ]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = race.find((r) => r.status === 'rejected');
    expect((failure as PromiseRejectedResult).reason).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});

describe('tenancy', () => {
  it('hides a partner disclosure from another partner and a vendor, and shows it to the studio', async () => {
    const view = await submit(moodboard());
    for (const who of ['otherPartner', 'vendor'] as const) {
      const error = await rejection(
        getDisclosure({ ctx: given.world.ctx(who), input: { disclosureId: view.id } }),
      );
      expect(error.code).toBe('NOT_FOUND');
    }
    for (const who of ['contact', 'legal', 'auditor', 'qc', 'partnerAdmin'] as const) {
      expect((await getDisclosure({ ctx: given.world.ctx(who), input: { disclosureId: view.id } })).id).toBe(
        view.id,
      );
    }
    const others = await listDisclosures({ ctx: given.world.ctx('otherPartner'), input: {} });
    expect(others.map((d) => d.id)).not.toContain(view.id);
  });

  it('lets an attached vendor disclose and see only its own disclosures', async () => {
    const mine = await submit(moodboard(), 'vendor');
    const seen = await listDisclosures({ ctx: given.world.ctx('vendor'), input: { limit: 500 } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((d) => d.organisationId === given.world.vendorId)).toBe(true);
    expect(seen.map((d) => d.id)).toContain(mine.id);
  });
});
