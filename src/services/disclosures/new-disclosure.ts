import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { transition } from '../../domain/review/transitions.js';
import type { Executor } from '../../store/database.js';
import { insertAsJson } from '../../store/insert-as-json.js';
import { insertTogether } from '../../store/insert-together.js';
import { chainedAuditWrites, type LedgerAppend } from '../../store/ledger.js';
import type { DisclosureTarget } from '../../store/repositories/productions.js';
import { disclosureRevisions, disclosures, notices } from '../../store/schema.js';
import { ledgerWriter, type ServiceCtx } from '../context.js';
import type { Assessment } from './assess.js';
import { type DisclosureView, newDisclosureView } from './disclosure-view.js';
import { planNotices, planRoute, requireMove, revisionRow } from './workflow.js';

/** Every row a new disclosure writes, and the answer its partner gets, planned before any write. */
export type NewDisclosure = {
  readonly row: typeof disclosures.$inferInsert;
  readonly revision: typeof disclosureRevisions.$inferInsert;
  readonly notices: readonly (typeof notices.$inferInsert)[];
  readonly ledger: LedgerAppend;
  readonly view: DisclosureView;
};

/** The target of a submission, or 404 naming the production (another organisation's is as absent). */
export function requireTarget(target: DisclosureTarget | undefined, productionId: string): DisclosureTarget {
  if (target !== undefined) return target;
  throw new AppError('NOT_FOUND', `No production ${productionId} that you can see.`, { productionId });
}

/**
 * A partner's new disclosure on `target`, evaluated and routed at once: submitted, it lands in
 * the state its verdict routes it to and its contacts get a notice; as a draft, nobody is told.
 */
export function planNewDisclosure(
  ctx: ServiceCtx,
  target: DisclosureTarget,
  assessment: Assessment,
  draft: boolean,
  at: Date,
): NewDisclosure {
  const { production } = target;
  const id = randomUUID();
  const events: AuditEvent[] = [];
  let state: string = 'draft';
  if (!draft) {
    const submitted = requireMove(transition('draft', 'submit'), 'submit');
    events.push(
      {
        type: 'disclosure.submitted',
        disclosureId: id,
        productionId: production.id,
        revision: 1,
        inputHash: assessment.verdict.inputHash,
      },
      {
        type: 'disclosure.state_changed',
        disclosureId: id,
        from: 'draft',
        to: submitted.to,
        event: 'submit',
      },
    );
    const routed = planRoute(id, 1, assessment);
    state = routed.state;
    events.push(...routed.events);
  }
  const row = {
    id,
    productionId: production.id,
    orgId: ctx.principal.orgId,
    createdBy: ctx.principal.userId,
    state,
    currentRevision: 1,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const told = draft
    ? undefined
    : planNotices(id, production.id, target.recipients, 1, assessment.verdict.outcome, at);
  if (told === undefined) {
    events.push({
      type: 'disclosure.revised',
      disclosureId: id,
      revision: 1,
      material: true,
      reasons: ['draft_created'],
    });
  } else {
    events.push(...told.events);
  }
  const { verdict } = assessment;
  return {
    row,
    revision: revisionRow(ctx, id, 1, assessment, at),
    notices: told?.rows ?? [],
    ledger: { writer: ledgerWriter(ctx, at), events },
    // JSON round trip: the answer is exactly what a later read (or an idempotent replay) returns.
    view: JSON.parse(
      JSON.stringify(
        newDisclosureView(row, {
          number: 1,
          outcome: verdict.outcome,
          pack: verdict.pack,
          inputHash: verdict.inputHash,
          document: assessment.disclosure,
          verdict,
          createdBy: ctx.principal.userId,
          createdAt: at,
        }),
      ),
    ) as DisclosureView,
  };
}

/**
 * Writes new disclosures, one or a batch of them, in ONE statement: disclosure, revision,
 * notice and ledger rows of every one (see insert-together.ts), the ledger events already
 * chained (chainedAuditWrites takes the organisations' chain heads until commit). Run it in
 * a transaction.
 */
export async function writeNewDisclosures(tx: Executor, planned: readonly NewDisclosure[]): Promise<void> {
  const told = planned.flatMap((p) => p.notices);
  const ledger = await chainedAuditWrites(
    tx,
    planned.map((p) => p.ledger),
  );
  await insertTogether(tx, [
    insertAsJson(
      disclosures,
      planned.map((p) => p.row),
    ),
    insertAsJson(
      disclosureRevisions,
      planned.map((p) => p.revision),
    ),
    told.length > 0 ? insertAsJson(notices, told) : undefined,
    ...ledger,
  ]);
}
