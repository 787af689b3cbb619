import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { AuditEvent, RegistryCause } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { detectMaterialChange } from '../../domain/review/material-change.js';
import { transition } from '../../domain/review/transitions.js';
import type { Executor } from '../../store/database.js';
import { findActiveApproval, updateDisclosureState } from '../../store/repositories/disclosures.js';
import { disclosureRevisions, disclosures, notices, productions } from '../../store/schema.js';
import type { Principal } from '../context.js';
import { assessDisclosure, summarise, validateDisclosure } from '../disclosures/assess.js';
import {
  insertRevision,
  planRoute,
  recordNotices,
  requireMove,
  stateOf,
  voidApproval,
} from '../disclosures/workflow.js';
import { factsFor, loadRegistrySnapshot, registryNames } from './lookup-facts.js';

/**
 * States whose verdict still matters: drafts are evaluated again when submitted, a withdrawn
 * disclosure is over, a rejected one stays rejected until the partner revises it.
 */
const CLOSED_STATES = ['draft', 'withdrawn', 'rejected'];

/**
 * At most this many disclosures are re-evaluated in the transaction that changes the
 * registry; a change that reaches more is refused rather than holding locks for minutes.
 */
export const CASCADE_LIMIT = 5_000;

export type CascadeScope = {
  readonly studioOrgId: string;
  /** Only disclosures on this production (a consent covers one production). */
  readonly productionId?: string | undefined;
  /** Disclosures whose current revision names this tool (name key, see toolKey). */
  readonly toolKey?: string | undefined;
  /** Disclosures whose current revision names this performer (name key). */
  readonly performerKey?: string | undefined;
  readonly cause: RegistryCause;
};

export type CascadeResult = {
  /** Open disclosures naming the changed entry. */
  readonly examined: number;
  /** Those whose verdict moved: re-opened (new revision, routed again). */
  readonly reopened: string[];
  readonly approvalsVoided: number;
};

const CAUSE_WORDS: Readonly<Record<RegistryCause['kind'], string>> = {
  'tool.blocked': 'a tool it names was blocked in the tool registry',
  'tool.changed': "the tool registry's facts on a tool it names changed",
  'consent.revoked': 'a consent it relies on was revoked',
  'consent.expired': 'a consent it relies on expired',
};

function namesIn(list: string, field: string, key: string): SQL {
  return sql`exists (select 1 from jsonb_array_elements(coalesce(${disclosureRevisions.document} -> ${list}, '[]'::jsonb)) as item where lower(trim(item ->> ${field})) = ${key})`;
}

/**
 * Re-evaluates every open disclosure a registry change reaches, inside the caller's
 * transaction: each one's current revision is evaluated again with the registries as they
 * now stand; when the verdict moves, a new revision (same document, new facts) is stored,
 * the approval in force is voided with the cause, the disclosure is routed again, its
 * contacts and author are told (notice outbox), and the ledger records why.
 */
export async function reevaluateAffected(
  tx: Executor,
  /** Whose new revisions these are: the user who changed the registry (or the record's owner for expiry). */
  author: { readonly principal: Pick<Principal, 'userId'> },
  scope: CascadeScope,
  at: Date,
): Promise<{ result: CascadeResult; events: AuditEvent[] }> {
  const where: SQL[] = [
    eq(productions.studioOrgId, scope.studioOrgId),
    notInArray(disclosures.state, CLOSED_STATES),
  ];
  if (scope.productionId !== undefined) where.push(eq(disclosures.productionId, scope.productionId));
  if (scope.toolKey !== undefined) where.push(namesIn('tools', 'name', scope.toolKey));
  if (scope.performerKey !== undefined) where.push(namesIn('talent', 'performer', scope.performerKey));
  const rows = await tx
    .select({
      disclosure: disclosures,
      document: disclosureRevisions.document,
      verdict: disclosureRevisions.verdict,
    })
    .from(disclosures)
    .innerJoin(productions, eq(productions.id, disclosures.productionId))
    .innerJoin(
      disclosureRevisions,
      and(
        eq(disclosureRevisions.disclosureId, disclosures.id),
        eq(disclosureRevisions.number, disclosures.currentRevision),
      ),
    )
    .where(and(...where))
    .orderBy(asc(disclosures.id))
    .limit(CASCADE_LIMIT + 1)
    .for('update', { of: disclosures });
  if (rows.length > CASCADE_LIMIT) {
    throw new AppError(
      'CONFLICT',
      `This change reaches more than ${CASCADE_LIMIT} open disclosures; split it (e.g. per production) and retry.`,
      { limit: CASCADE_LIMIT },
    );
  }
  const current = rows.map((row) => ({ ...row, parsed: validateDisclosure(row.document) }));
  const names = { tools: [] as string[], performers: [] as string[] };
  for (const { parsed } of current) {
    const n = registryNames(parsed);
    names.tools.push(...n.tools);
    names.performers.push(...n.performers);
  }
  const snapshot = await loadRegistrySnapshot(tx, scope.studioOrgId, names);
  const productionIds = [...new Set(current.map((r) => r.disclosure.productionId))];
  const productionRows =
    productionIds.length > 0
      ? await tx.select().from(productions).where(inArray(productions.id, productionIds))
      : [];
  const productionById = new Map(productionRows.map((p) => [p.id, p]));

  const events: AuditEvent[] = [];
  const reopened: string[] = [];
  let approvalsVoided = 0;
  for (const { disclosure: row, parsed, verdict: storedVerdict } of current) {
    const next = assessDisclosure(parsed, factsFor(snapshot, parsed, row.productionId, at));
    const change = detectMaterialChange(
      { disclosure: parsed, verdict: summarise(storedVerdict as never) },
      { disclosure: next.disclosure, verdict: summarise(next.verdict) },
    );
    if (!change.material) continue;
    const state = stateOf(row);
    const number = row.currentRevision + 1;
    requireMove(transition(state, 'revise'), 'revise');
    await insertRevision(tx, author, row.id, number, next, at);
    const from = (storedVerdict as { outcome: string }).outcome;
    events.push(
      {
        type: 'disclosure.reevaluated',
        disclosureId: row.id,
        revision: number,
        cause: scope.cause,
        from,
        outcome: next.verdict.outcome,
      },
      {
        type: 'disclosure.state_changed',
        disclosureId: row.id,
        from: state,
        to: 'submitted',
        event: 'revise',
      },
    );
    const approval = await findActiveApproval(tx, row.id);
    if (approval !== undefined) {
      events.push(
        await voidApproval(tx, approval, `${CAUSE_WORDS[scope.cause.kind]} (revision ${number})`, at),
      );
      approvalsVoided += 1;
    }
    const routed = planRoute(row.id, number, next);
    events.push(...routed.events);
    await updateDisclosureState(tx, row, { state: routed.state, currentRevision: number, at });
    const production = productionById.get(row.productionId);
    if (production === undefined) throw new Error(`production ${row.productionId} vanished under lock`);
    events.push(...(await recordNotices(tx, row.id, production, number, next.verdict.outcome, at)));
    const noticeId = randomUUID();
    await tx.insert(notices).values({
      id: noticeId,
      recipientId: row.createdBy,
      disclosureId: row.id,
      kind: 'disclosure.reevaluated',
      payload: {
        productionId: row.productionId,
        revision: number,
        outcome: next.verdict.outcome,
        cause: scope.cause,
      },
      createdAt: at,
    });
    events.push({
      type: 'notice.recorded',
      noticeId,
      recipientId: row.createdBy,
      disclosureId: row.id,
      kind: 'disclosure.reevaluated',
    });
    reopened.push(row.id);
  }
  return { result: { examined: rows.length, reopened, approvalsVoided }, events };
}
