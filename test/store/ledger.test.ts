import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/services/audit/verify-ledger.js';
import { appendAudit } from '../../src/store/ledger.js';
import { auditEvents } from '../../src/store/schema.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';

let db: TestStore;
beforeAll(async () => {
  db = await openTestStore();
});
afterAll(async () => {
  await db?.dispose();
});

const actor = { kind: 'system' as const, id: 'test' };
const comment = (n: number) => ({ type: 'comment.added' as const, commentId: `c${n}`, disclosureId: 'd1' });

async function chain(orgId: string) {
  return db.store.transaction((tx) =>
    tx.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)).orderBy(asc(auditEvents.entry)),
  );
}

describe('audit ledger', () => {
  it('seals events from concurrent transactions into one gapless chain per organisation', async () => {
    const orgId = randomUUID();
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        db.store.transaction((tx) =>
          appendAudit(tx, { orgId, actor, at: new Date() }, [comment(n), comment(n + 100)]),
        ),
      ),
    );
    await db.store.sealLedger();
    const rows = await chain(orgId);
    expect(rows).toHaveLength(40);
    expect(rows.map((r) => r.seq).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const report = await verifyLedger(db.store);
    expect(report.organisations.find((o) => o.orgId === orgId)).toMatchObject({
      ok: true,
      events: 40,
      pending: 0,
    });
  });

  it('keeps nothing of a transaction that rolls back', async () => {
    const orgId = randomUUID();
    await expect(
      db.store.transaction(async (tx) => {
        await appendAudit(tx, { orgId, actor, at: new Date() }, [comment(1)]);
        throw new Error('change failed after the audit append');
      }),
    ).rejects.toThrow('change failed');
    await db.store.sealLedger();
    expect(await chain(orgId)).toEqual([]);
  });

  it('refuses UPDATE and DELETE of events, pending or sealed, except the one-time sealing', async () => {
    const orgId = randomUUID();
    await db.store.transaction((tx) => appendAudit(tx, { orgId, actor, at: new Date() }, [comment(1)]));
    await db.store.sealLedger();
    const [sealed] = await chain(orgId);
    await expect(
      db.store.exec(`UPDATE audit_events SET type = 'x' WHERE id = '${sealed!.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.store.exec(
        `UPDATE audit_events SET seq = 99, prev_hash = 'a', hash = 'b' WHERE id = '${sealed!.id}'`,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(db.store.exec(`DELETE FROM audit_events WHERE id = '${sealed!.id}'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.store.exec('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    // A pending event cannot be rewritten before it is sealed either.
    const pendingId = randomUUID();
    await db.store.exec(
      `INSERT INTO audit_events (id, org_id, type, actor_kind, actor_id, occurred_at, data)
       VALUES ('${pendingId}', '${orgId}', 'comment.added', 'system', 'test', '2025-01-01T00:00:00.000Z', '{}')`,
    );
    await expect(
      db.store.exec(
        `UPDATE audit_events SET data = '{"x":1}', seq = 5, prev_hash = 'a', hash = 'b' WHERE id = '${pendingId}'`,
      ),
    ).rejects.toThrow(/append-only/);
    await db.store.sealLedger();
    expect((await chain(orgId)).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('names the first edited event when a superuser rewrites history behind the trigger', async () => {
    const orgId = randomUUID();
    await db.store.transaction((tx) =>
      appendAudit(tx, { orgId, actor, at: new Date() }, [comment(1), comment(2), comment(3)]),
    );
    await db.store.sealLedger();
    const rows = await chain(orgId);
    const victim = rows[1]!;
    await db.store.exec(
      `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
       UPDATE audit_events SET data = '{"commentId":"forged","disclosureId":"d1"}' WHERE id = '${victim.id}';
       ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;`,
    );
    const report = await verifyLedger(db.store);
    expect(report.ok).toBe(false);
    expect(report.organisations.find((o) => o.orgId === orgId)).toMatchObject({
      ok: false,
      eventId: victim.id,
    });
  });
});
