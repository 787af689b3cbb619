import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { toolKey as nameKey } from '../../domain/registry/tool-facts.js';
import { appendAudit } from '../../store/ledger.js';
import { consents, performers } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type CascadeResult, reevaluateAffected } from '../registry/cascade.js';
import { nameText, parseInput } from '../registry/input.js';
import { type ConsentView, toConsentView } from './consent-schemas.js';

export const RevokeConsentInput = z.strictObject({ consentId: nameText(100), reason: nameText(2000) });

/**
 * Studio legal records that a consent was revoked. Every open disclosure on that production
 * naming the performer is evaluated again in the same transaction: uses that relied on the
 * consent become prohibited, their approvals are voided, and the ledger says why.
 */
export async function revokeConsent({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: unknown;
}): Promise<{ consent: ConsentView; cascade: CascadeResult }> {
  requirePermission(ctx, 'consent.manage');
  const { consentId, reason } = parseInput(RevokeConsentInput, input, 'revocation');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const [found] = await tx
      .select({ consent: consents, performerName: performers.displayName })
      .from(consents)
      .innerJoin(performers, eq(performers.id, consents.performerId))
      .where(and(eq(consents.id, consentId), eq(consents.studioOrgId, ctx.principal.orgId)))
      .for('update', { of: consents });
    if (found === undefined)
      throw new AppError('NOT_FOUND', `No consent ${consentId} in your studio's registry.`, { consentId });
    if (found.consent.status === 'revoked') {
      throw new AppError(
        'CONFLICT',
        `Consent ${consentId} was already revoked on ${found.consent.revokedAt?.toISOString()}.`,
        {
          consentId,
        },
      );
    }
    const [row] = await tx
      .update(consents)
      .set({ status: 'revoked', revokedAt: at, revokeReason: reason })
      .where(eq(consents.id, consentId))
      .returning();
    if (row === undefined) throw new Error(`consent ${consentId} vanished under lock`);
    const { result, events } = await reevaluateAffected(
      tx,
      ctx,
      {
        studioOrgId: row.studioOrgId,
        productionId: row.productionId,
        performerKey: nameKey(found.performerName),
        cause: { kind: 'consent.revoked', consentId },
      },
      at,
    );
    await appendAudit(tx, ledgerWriter(ctx, at), [
      { type: 'consent.revoked', consentId, performerId: row.performerId, productionId: row.productionId },
      ...events,
    ]);
    return { consent: toConsentView(row), cascade: result };
  });
}
