import { type ChainVerdict, GENESIS_HASH, verifyChain } from '../../domain/audit/chain.js';
import type { Store } from '../../store/database.js';
import { countPending, listLedgerHeads, listLedgerOrgIds, readChainPage } from '../../store/ledger.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';

/** A chain's verdict, plus the events committed but not yet sealed into it (they are not chained yet). */
export type OrganisationReport = ChainVerdict & { readonly pending: number };

export type LedgerReport = {
  readonly ok: boolean;
  readonly organisations: readonly OrganisationReport[];
  /** The first broken event, in organisation order, when any chain is broken. */
  readonly firstBroken: Extract<ChainVerdict, { ok: false }> | null;
};

const PAGE = 1000;

/** Walks one organisation's chain page by page against its recorded head. */
export async function verifyOrganisationChain(store: Store, orgId: string): Promise<ChainVerdict> {
  const heads = await store.transaction((tx) => listLedgerHeads(tx));
  const head = heads.find((h) => h.orgId === orgId) ?? { orgId, seq: 0, hash: GENESIS_HASH };
  let from = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    // Events appended after the head was read are left for the next run: the walk stops at the head.
    const read = await store.transaction((tx) => readChainPage(tx, orgId, from.seq, PAGE));
    const page = read.filter((e) => e.seq <= head.seq);
    const last = read.length < PAGE || page.length < read.length;
    const verdict = verifyChain(orgId, page, last ? head : undefined, from);
    if (!verdict.ok || last) return verdict;
    from = { seq: verdict.events, hash: verdict.head };
  }
}

/**
 * Verifies every organisation's chain (the CLI's `audit verify`, run by whoever holds the
 * database). Organisations with rows but no head, or a head but no rows, are covered too.
 * Read-only: events still pending (a server stopped before sealing them) are counted, not
 * sealed; the next server start seals them.
 */
export async function verifyLedger(store: Store): Promise<LedgerReport> {
  const heads = await store.transaction((tx) => listLedgerHeads(tx));
  const withRows = await store.transaction((tx) => listLedgerOrgIds(tx));
  const orgIds = [...new Set([...heads.map((h) => h.orgId), ...withRows])].sort();
  const organisations: OrganisationReport[] = [];
  for (const orgId of orgIds) {
    const verdict = await verifyOrganisationChain(store, orgId);
    organisations.push({ ...verdict, pending: await store.transaction((tx) => countPending(tx, orgId)) });
  }
  const firstBroken =
    organisations.find((o): o is Extract<OrganisationReport, { ok: false }> => !o.ok) ?? null;
  return { ok: firstBroken === null, organisations, firstBroken };
}

/** The API form: an auditor or admin verifies their own organisation's chain. */
export async function verifyOwnLedger({
  ctx,
}: {
  ctx: ServiceCtx;
  input?: undefined;
}): Promise<ChainVerdict> {
  requirePermission(ctx, 'audit.verify');
  // The server is the ledger's writer: seal what is pending so the answer covers every event.
  await ctx.store.sealLedger();
  return verifyOrganisationChain(ctx.store, ctx.principal.orgId);
}
