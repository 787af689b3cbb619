import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { type ChainedRecord, chainHash, GENESIS_HASH } from '../domain/audit/chain.js';
import type { AuditActor, AuditEvent } from '../domain/audit/events.js';
import { nodeSha256Hex } from '../platform/node-sha256.js';
import type { Executor } from './database.js';
import { insertAsJson } from './insert-as-json.js';
import { qualified } from './qualified.js';
import { auditEvents, ledgerHeads } from './schema.js';

export type LedgerWriter = { readonly orgId: string; readonly actor: AuditActor; readonly at: Date };

/**
 * Organisations that received events in each open transaction, so that the store can seal
 * them once the transaction commits (see ledger-sealer.ts).
 */
const appendsByTransaction = new WeakMap<object, Set<string>>();

export function trackAppends(tx: object): Set<string> {
  const orgIds = new Set<string>();
  appendsByTransaction.set(tx, orgIds);
  return orgIds;
}

/**
 * Appends events inside the caller's transaction: they commit or roll back with the change
 * they record. They are written pending (no place in the chain yet) and take no lock, so
 * concurrent changes of one organisation never queue behind each other's commit; the sealer
 * chains them right after commit, serialised per organisation by the head row.
 */
export async function appendAudit(
  tx: Executor,
  writer: LedgerWriter,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  // Marked before the insert: once `tx` commits, the sealer chains this organisation's events.
  appendsByTransaction.get(tx)?.add(writer.orgId);
  await tx.execute(insertAsJson(auditEvents, pendingRows(writer, events)));
}

/** Events one writer appends (a batch of changes may hold several writers' events). */
export type LedgerAppend = { readonly writer: LedgerWriter; readonly events: readonly AuditEvent[] };

type AuditRow = typeof auditEvents.$inferInsert;

function pendingRows(writer: LedgerWriter, events: readonly AuditEvent[]): AuditRow[] {
  const at = writer.at.toISOString();
  return events.map(({ type, ...data }) => ({
    id: randomUUID(),
    orgId: writer.orgId,
    type,
    actorKind: writer.actor.kind,
    actorId: writer.actor.id,
    occurredAt: at,
    data,
  }));
}

/**
 * The statements that write events already chained, for a caller that runs them in ONE
 * statement with its change (insert-together.ts): the events with their place in the chain,
 * then the heads moved past them. Before returning, it locks each organisation's head until
 * `tx` ends (in id order, so two such writers never deadlock) and seals what other changes
 * committed before it, so the chain keeps commit order. A batch of submissions uses it: one
 * lock and one commit for all of them, and no second write of each event by the sealer.
 */
export async function chainedAuditWrites(tx: Executor, appends: readonly LedgerAppend[]): Promise<SQL[]> {
  const byOrg = new Map<string, AuditRow[]>();
  for (const { writer, events } of appends) {
    const rows = byOrg.get(writer.orgId) ?? [];
    // The chain hash covers the data as the database will return it: JSON.
    for (const row of pendingRows(writer, events))
      rows.push({ ...row, data: JSON.parse(JSON.stringify(row.data)) });
    byOrg.set(writer.orgId, rows);
  }
  const rows: AuditRow[] = [];
  const heads: { org_id: string; seq: number; hash: string }[] = [];
  for (const orgId of [...byOrg.keys()].sort()) {
    let head = await lockHead(tx, orgId);
    let sealed = SEAL_BATCH;
    while (sealed === SEAL_BATCH) ({ sealed, head } = await sealPendingAfter(tx, orgId, head));
    const chained = chainAfter(head, byOrg.get(orgId) ?? []);
    rows.push(...chained.rows);
    heads.push({ org_id: orgId, ...chained.head });
  }
  if (rows.length === 0) return [];
  return [
    insertAsJson(auditEvents, rows),
    sql`update ${ledgerHeads} set seq = v.seq, hash = v.hash
          from json_to_recordset(${JSON.stringify(heads)}::json) as v(org_id text, seq bigint, hash text)
         where ${qualified(ledgerHeads.orgId)} = v.org_id`,
  ];
}

/** At most this many events are sealed per transaction; a full batch means more may wait. */
export const SEAL_BATCH = 500;

/**
 * Gives an organisation's pending events their place in its chain, in insertion order, in
 * one transaction: lock the head row, hash each event onto the previous one, store the seq
 * and hashes (the one UPDATE the ledger trigger allows), move the head. Returns how many
 * events it sealed (at most one batch; the sealer calls again while there are more).
 */
export async function sealPending(tx: Executor, orgId: string): Promise<number> {
  return (await sealPendingAfter(tx, orgId, await lockHead(tx, orgId))).sealed;
}

type Head = { readonly seq: number; readonly hash: string };

/** The organisation's chain head (genesis if it has none yet), locked until `tx` ends. */
async function lockHead(tx: Executor, orgId: string): Promise<Head> {
  const [head] = await tx
    .insert(ledgerHeads)
    .values({ orgId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoUpdate({ target: ledgerHeads.orgId, set: { orgId: sql`excluded.org_id` } })
    .returning({ seq: ledgerHeads.seq, hash: ledgerHeads.hash });
  if (head === undefined) throw new Error('ledger head upsert returned no row');
  return head;
}

/** Seals up to one batch of pending events after `head`, which the caller holds locked. */
async function sealPendingAfter(
  tx: Executor,
  orgId: string,
  head: Head,
): Promise<{ sealed: number; head: Head }> {
  const pending = await tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), isNull(auditEvents.hash)))
    .orderBy(asc(auditEvents.entry))
    .limit(SEAL_BATCH);
  if (pending.length === 0) return { sealed: 0, head };
  const chained = chainAfter(head, pending);
  const links = chained.rows.map(({ id, seq, prevHash, hash }) => ({ id, seq, prev_hash: prevHash, hash }));
  // The links travel as one JSON parameter; the head moves in the same statement.
  await tx.execute(sql`
    with sealed as (
      update ${auditEvents} as a
         set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
        from json_to_recordset(${JSON.stringify(links)}::json) as v(id text, seq bigint, prev_hash text, hash text)
       where a.id = v.id)
    update ${ledgerHeads} set seq = ${chained.head.seq}, hash = ${chained.head.hash}
     where ${qualified(ledgerHeads.orgId)} = ${orgId}`);
  return { sealed: pending.length, head: chained.head };
}

/** Events given their places after `head`, in order: each hashed onto the one before. */
function chainAfter<T extends AuditRow>(
  head: Head,
  events: readonly T[],
): { rows: (T & { seq: number; prevHash: string; hash: string })[]; head: Head } {
  let { seq, hash: prev } = head;
  const rows = events.map((row) => {
    seq += 1;
    const record = {
      id: row.id,
      orgId: row.orgId,
      seq,
      type: row.type,
      actor: { kind: row.actorKind as AuditActor['kind'], id: row.actorId },
      at: row.occurredAt,
      data: row.data,
    };
    const chained = { ...row, seq, prevHash: prev, hash: chainHash(prev, record, nodeSha256Hex) };
    prev = chained.hash;
    return chained;
  });
  return { rows, head: { seq, hash: prev } };
}

/** Organisations with events waiting to be sealed. */
export async function listPendingOrgIds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: auditEvents.orgId })
    .from(auditEvents)
    .where(isNull(auditEvents.hash));
  return rows.map((r) => r.orgId);
}

export async function countPending(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), isNull(auditEvents.hash)));
  return row?.n ?? 0;
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

/** One page of an organisation's sealed chain after `afterSeq`, in order, as the domain verifier reads it. */
export async function readChainPage(
  db: Executor,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<ChainedRecord[]> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), isNotNull(auditEvents.seq), gt(auditEvents.seq, afterSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    seq: r.seq ?? 0,
    type: r.type,
    actor: { kind: r.actorKind as AuditActor['kind'], id: r.actorId },
    at: r.occurredAt,
    data: r.data,
    prevHash: r.prevHash ?? '',
    hash: r.hash ?? '',
  }));
}
