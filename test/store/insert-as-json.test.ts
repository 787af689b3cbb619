import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAsJson } from '../../src/store/insert-as-json.js';
import { auditEvents, organisations } from '../../src/store/schema.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';

let db: TestStore;
beforeAll(async () => {
  db = await openTestStore();
});
afterAll(async () => {
  await db?.dispose();
});

describe('insertAsJson', () => {
  it('writes every row with its text, JSON and timestamp values as given, and fills defaults', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const rows = [
      { id: randomUUID(), kind: 'studio', name: 'Quote " and \\ backslash', createdAt: at },
      { id: randomUUID(), kind: 'partner', name: 'Ünïcödé — «name» 🎬', createdAt: at },
    ];
    await db.store.transaction((tx) => tx.execute(insertAsJson(organisations, rows)));
    const stored = await db.store.read((tx) =>
      tx
        .select()
        .from(organisations)
        .where(
          inArray(
            organisations.id,
            rows.map((r) => r.id),
          ),
        ),
    );
    expect(stored.map(({ id, kind, name, createdAt }) => ({ id, kind, name, createdAt })).sort(byId)).toEqual(
      [...rows].sort(byId),
    );
  });

  it('keeps nested JSON as JSON, NULLs as NULL, and numbers identity columns in array order', async () => {
    const orgId = randomUUID();
    const row = (n: number) => ({
      id: randomUUID(),
      orgId,
      type: 'comment.added',
      actorKind: 'user',
      actorId: 'u1',
      occurredAt: '2026-01-01T00:00:00.000Z',
      data: { n, nested: { list: [1, 'two', null], flag: true } },
      hash: null,
    });
    const rows = [row(1), row(2), row(3)];
    await db.store.transaction((tx) => tx.execute(insertAsJson(auditEvents, rows)));
    const stored = await db.store.read((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)).orderBy(asc(auditEvents.entry)),
    );
    expect(stored.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(stored.map((r) => r.data)).toEqual(rows.map((r) => r.data));
    expect(stored.every((r) => r.hash === null && r.seq === null)).toBe(true);
  });

  it('refuses rows that set different columns, rather than write NULL over a default', () => {
    expect(() =>
      insertAsJson(organisations, [
        { id: 'a', kind: 'studio', name: 'A', createdAt: new Date() },
        { id: 'b', kind: 'studio', name: 'B' },
      ]),
    ).toThrow(/rows set different columns/);
  });
});

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
