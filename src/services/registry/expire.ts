import { and, eq, inArray, isNotNull, lt, lte, type SQL } from 'drizzle-orm';
import type { AuditEvent } from '../../domain/audit/events.js';
import { dayOf } from '../../domain/consent/consent-facts.js';
import { toolKey as nameKey } from '../../domain/registry/tool-facts.js';
import type { Store } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { approvals, consents, disclosures, performers, productions } from '../../store/schema.js';
import { reevaluateAffected } from './cascade.js';

export const EXPIRY_ACTOR = { kind: 'system', id: 'expiry' } as const;

export type ExpiryResult = {
  readonly consentsExpired: number;
  readonly approvalsExpired: number;
  /** Open disclosures that relied on an expired consent, re-evaluated and re-opened. */
  readonly reopened: number;
};

/**
 * Marks what has run out: consents whose last valid day is before today (UTC) and approvals
 * whose expiry has passed. Each is recorded in its studio's ledger. An expired approval is out
 * of force (the delivery gate counts active ones). An expired consent no longer counts in any
 * verdict (consentFacts reads the dates), and the open disclosures that relied on it are
 * re-evaluated as on a revocation: re-opened, approvals voided, the cause in the ledger (the
 * new revisions are credited to the user who recorded the consent; the ledger actor is the system).
 * Runs daily from the job worker and from `clearframe expire`; running it twice is harmless.
 */
export async function expireRegistryAndApprovals({
  store,
  now,
  studioOrgId,
}: {
  store: Store;
  now: Date;
  /** Only this studio (the route for a studio admin); all studios when left out (the job). */
  studioOrgId?: string | undefined;
}): Promise<ExpiryResult> {
  const today = dayOf(now);
  return store.transaction(async (tx) => {
    const consentWhere: SQL[] = [
      eq(consents.status, 'active'),
      isNotNull(consents.validTo),
      lt(consents.validTo, today),
    ];
    if (studioOrgId !== undefined) consentWhere.push(eq(consents.studioOrgId, studioOrgId));
    const expiredConsents = await tx
      .update(consents)
      .set({ status: 'expired', expiredAt: now })
      .where(and(...consentWhere))
      .returning();
    const approvalWhere: SQL[] = [
      eq(approvals.status, 'active'),
      isNotNull(approvals.expiresAt),
      lte(approvals.expiresAt, now),
    ];
    const due = await tx
      .select({ approval: approvals, studioOrgId: productions.studioOrgId })
      .from(approvals)
      .innerJoin(disclosures, eq(disclosures.id, approvals.disclosureId))
      .innerJoin(productions, eq(productions.id, disclosures.productionId))
      .where(
        and(
          ...approvalWhere,
          ...(studioOrgId !== undefined ? [eq(productions.studioOrgId, studioOrgId)] : []),
        ),
      )
      .for('update', { of: approvals });
    if (due.length > 0) {
      await tx
        .update(approvals)
        .set({ status: 'expired' })
        .where(
          inArray(
            approvals.id,
            due.map((d) => d.approval.id),
          ),
        );
    }
    const byStudio = new Map<string, AuditEvent[]>();
    const add = (orgId: string, event: AuditEvent) => {
      const list = byStudio.get(orgId) ?? [];
      list.push(event);
      byStudio.set(orgId, list);
    };
    for (const { approval, studioOrgId: orgId } of due) {
      add(orgId, {
        type: 'approval.expired',
        approvalId: approval.id,
        disclosureId: approval.disclosureId,
        expiresAt: approval.expiresAt?.toISOString() ?? '',
      });
    }
    let reopened = 0;
    for (const c of expiredConsents) {
      add(c.studioOrgId, { type: 'consent.expired', consentId: c.id, validTo: c.validTo ?? '' });
      const [performer] = await tx
        .select({ name: performers.displayName })
        .from(performers)
        .where(eq(performers.id, c.performerId));
      if (performer === undefined) throw new Error(`consent ${c.id} has no performer ${c.performerId}`);
      const cascade = await reevaluateAffected(
        tx,
        { principal: { userId: c.createdBy } },
        {
          studioOrgId: c.studioOrgId,
          productionId: c.productionId,
          performerKey: nameKey(performer.name),
          cause: { kind: 'consent.expired', consentId: c.id },
        },
        now,
      );
      reopened += cascade.result.reopened.length;
      for (const event of cascade.events) add(c.studioOrgId, event);
    }
    for (const [orgId, events] of byStudio)
      await appendAudit(tx, { orgId, actor: EXPIRY_ACTOR, at: now }, events);
    return { consentsExpired: expiredConsents.length, approvalsExpired: due.length, reopened };
  });
}
