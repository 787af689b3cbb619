import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { type ChainedRecord, chainHash, GENESIS_HASH } from '../domain/audit/chain.js';
import type { AuditActor, AuditEvent } from '../domain/audit/events.js';
import type { Executor } from './database.js';
import { auditEvents, ledgerHeads } from './schema.js';

export type LedgerWriter = { readonly orgId: string; readonly actor: AuditActor; readonly at: Date };

/**
 * Appends events to an organisation's chain inside the caller's transaction. Locking the
 * organisation's head row (the upsert below) serialises appends per organisation, so two
 * transactions can never link to the same previous event; if the caller's transaction
 * rolls back, so do the events. Call it last in a transaction to hold the lock briefly.
 */
export async function appendAudit(
  tx: Executor,
  writer: LedgerWriter,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const [head] = await tx
    .insert(ledgerHeads)
    .values({ orgId: writer.orgId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoUpdate({ target: ledgerHeads.orgId, set: { orgId: sql`excluded.org_id` } })
    .returning({ seq: ledgerHeads.seq, hash: ledgerHeads.hash });
  if (head === undefined) throw new Error('ledger head upsert returned no row');
  let seq = head.seq;
  let prev = head.hash;
  const at = writer.at.toISOString();
  const rows = events.map(({ type, ...data }) => {
    seq += 1;
    const record = { id: randomUUID(), orgId: writer.orgId, seq, type, actor: writer.actor, at, data };
    const hash = chainHash(prev, record);
    const row = {
      id: record.id,
      orgId: record.orgId,
      seq,
      type,
      actorKind: writer.actor.kind,
      actorId: writer.actor.id,
      occurredAt: at,
      data,
      prevHash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  await tx.insert(auditEvents).values(rows);
  await tx.update(ledgerHeads).set({ seq, hash: prev }).where(eq(ledgerHeads.orgId, writer.orgId));
}

export type LedgerHead = { readonly orgId: string; readonly seq: number; readonly hash: string };

export async function listLedgerHeads(db: Executor): Promise<LedgerHead[]> {
  return db.select().from(ledgerHeads).orderBy(asc(ledgerHeads.orgId));
}

/** Organisations that have ledger rows, including any whose head row is missing. */
export async function listLedgerOrgIds(db: Executor): Promise<string[]> {
  const rows = await db.selectDistinct({ orgId: auditEvents.orgId }).from(auditEvents);
  return rows.map((r) => r.orgId);
}

/** One page of an organisation's chain after `afterSeq`, in order, as the domain verifier reads it. */
export async function readChainPage(
  db: Executor,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<ChainedRecord[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), gt(auditEvents.seq, afterSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    seq: r.seq,
    type: r.type,
    actor: { kind: r.actorKind as AuditActor['kind'], id: r.actorId },
    at: r.occurredAt,
    data: r.data,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
}
