import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { transition } from '../../domain/review/transitions.js';
import { insertTogether } from '../../store/insert-together.js';
import { auditInsert } from '../../store/ledger.js';
import { findDisclosureTarget } from '../../store/repositories/productions.js';
import { disclosureRevisions, disclosures, notices as noticesTable } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type Idempotent, onceForKey } from '../idempotency.js';
import { lookupRegistryFacts } from '../registry/lookup-facts.js';
import { assessDisclosure, validateDisclosure } from './assess.js';
import { type DisclosureView, newDisclosureView } from './disclosure-view.js';
import { planNotices, planRoute, requireMove, revisionRow } from './workflow.js';

export type SubmitDisclosureInput = {
  readonly productionId: string;
  /** A `clearframe/disclosure@1` object; validated and evaluated here. */
  readonly disclosure: unknown;
  /** Save without submitting: the verdict is shown, nobody is told, no review starts. */
  readonly draft?: boolean | undefined;
  readonly idempotencyKey?: string | undefined;
};

/**
 * A partner discloses a use on one of its productions. The disclosure is evaluated and
 * routed at once: the answer already carries the verdict and the state it landed in.
 */
export async function submitDisclosure({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: SubmitDisclosureInput;
}): Promise<Idempotent<DisclosureView>> {
  requirePermission(ctx, 'disclosure.submit');
  const disclosure = validateDisclosure(input.disclosure);
  const at = nowOf(ctx);
  return ctx.store.transaction((tx) =>
    onceForKey(
      tx,
      ctx,
      input.idempotencyKey,
      {
        operation: 'disclosure.submit',
        body: { productionId: input.productionId, disclosure: input.disclosure, draft: input.draft ?? false },
      },
      async () => {
        const target = await findDisclosureTarget(tx, ctx.principal, input.productionId);
        if (target === undefined) {
          throw new AppError('NOT_FOUND', `No production ${input.productionId} that you can see.`, {
            productionId: input.productionId,
          });
        }
        // The studio's registries decide what they know (tools, consents): looked up in this transaction.
        const { production } = target;
        const assessment = assessDisclosure(
          disclosure,
          await lookupRegistryFacts(tx, production, disclosure, at, target.keeps),
        );
        const id = randomUUID();
        const events: AuditEvent[] = [];
        let state: string = 'draft';
        if (!input.draft) {
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
        const notices = input.draft
          ? undefined
          : planNotices(id, production.id, target.recipients, 1, assessment.verdict.outcome, at);
        if (notices === undefined) {
          events.push({
            type: 'disclosure.revised',
            disclosureId: id,
            revision: 1,
            material: true,
            reasons: ['draft_created'],
          });
        } else {
          events.push(...notices.events);
        }
        // The hot path of the API: every row of a submission in one statement (one round trip).
        await insertTogether(tx, [
          tx.insert(disclosures).values(row),
          tx.insert(disclosureRevisions).values(revisionRow(ctx, id, 1, assessment, at)),
          notices && notices.rows.length > 0 ? tx.insert(noticesTable).values(notices.rows) : undefined,
          auditInsert(tx, ledgerWriter(ctx, at), events),
        ]);
        const { verdict } = assessment;
        // JSON round trip: the answer is exactly what a later read (or an idempotent replay) returns.
        return JSON.parse(
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
        ) as DisclosureView;
      },
    ),
  );
}
