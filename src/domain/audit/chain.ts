import { canonicalJson } from '../../lib/canonical-json.js';
import { type Sha256Hex, sha256Hex } from '../../lib/sha256.js';
import type { AuditActor } from './events.js';

/**
 * The audit hash chain. Each organisation has its own chain; event `seq` n links to event
 * n-1 through `prevHash`, and its `hash` covers its own canonical JSON (RFC 8785) and that
 * previous hash, so editing, removing or reordering any past event breaks every later link.
 */
export const GENESIS_HASH = `sha256:${'0'.repeat(64)}`;

/** The hashed content of one ledger event: everything but the hashes themselves. */
export type ChainRecord = {
  readonly id: string;
  readonly orgId: string;
  readonly seq: number;
  readonly type: string;
  readonly actor: AuditActor;
  readonly at: string;
  readonly data: unknown;
};

export type ChainedRecord = ChainRecord & { readonly prevHash: string; readonly hash: string };

/** `sha256` defaults to the pure-JS one; the server seals with Node's native one (same digest). */
export function chainHash(prevHash: string, record: ChainRecord, sha256: Sha256Hex = sha256Hex): string {
  return `sha256:${sha256(`${prevHash}\n${canonicalJson(record)}`)}`;
}

export type ChainVerdict =
  | { readonly ok: true; readonly orgId: string; readonly events: number; readonly head: string }
  | {
      readonly ok: false;
      readonly orgId: string;
      readonly events: number;
      readonly eventId: string;
      readonly seq: number;
      readonly reason: string;
    };

/**
 * Walks one organisation's events in `seq` order and names the first that does not hold:
 * a gap in the sequence, a link to the wrong previous hash, or a hash that does not match
 * the content. `expectedHead`, when given, also catches events cut off the end. `from`
 * continues a walk from a verified prefix, so a long chain can be read page by page.
 */
export function verifyChain(
  orgId: string,
  events: readonly ChainedRecord[],
  expectedHead?: { readonly seq: number; readonly hash: string },
  from: { readonly seq: number; readonly hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainVerdict {
  let prev = from.hash;
  let count = from.seq;
  for (const event of events) {
    const expectedSeq = count + 1;
    const fail = (reason: string): ChainVerdict => ({
      ok: false,
      orgId,
      events: count,
      eventId: event.id,
      seq: event.seq,
      reason,
    });
    if (event.orgId !== orgId) return fail(`event belongs to organisation ${event.orgId}`);
    if (event.seq !== expectedSeq) return fail(`sequence gap: expected ${expectedSeq}, found ${event.seq}`);
    if (event.prevHash !== prev) return fail('link to the previous event does not match');
    const { prevHash: _p, hash: _h, ...record } = event;
    if (chainHash(prev, record) !== event.hash) return fail('content does not match its hash');
    prev = event.hash;
    count = expectedSeq;
  }
  if (expectedHead !== undefined && (expectedHead.seq !== count || expectedHead.hash !== prev)) {
    return {
      ok: false,
      orgId,
      events: count,
      eventId: events.at(-1)?.id ?? '(none)',
      seq: count,
      reason: `ledger head says ${expectedHead.seq} events, the chain has ${count}: events were removed`,
    };
  }
  return { ok: true, orgId, events: count, head: prev };
}
