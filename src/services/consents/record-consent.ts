import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { consents, performers, productions } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { parseInput } from '../registry/input.js';
import { ConsentInput, type ConsentView, toConsentView } from './consent-schemas.js';

/** Inserts a consent in the caller's transaction after checking performer and production are the studio's. */
export async function insertConsent(
  tx: Executor,
  ctx: ServiceCtx,
  consent: ConsentInput,
  at: Date,
): Promise<typeof consents.$inferSelect> {
  const studioOrgId = ctx.principal.orgId;
  const [performer] = await tx
    .select({ id: performers.id })
    .from(performers)
    .where(and(eq(performers.id, consent.performerId), eq(performers.studioOrgId, studioOrgId)));
  if (performer === undefined) {
    throw new AppError('NOT_FOUND', `No performer ${consent.performerId} in your studio's registry.`, {
      performerId: consent.performerId,
    });
  }
  const [production] = await tx
    .select({ id: productions.id })
    .from(productions)
    .where(and(eq(productions.id, consent.productionId), eq(productions.studioOrgId, studioOrgId)));
  if (production === undefined) {
    throw new AppError('NOT_FOUND', `No production ${consent.productionId} of your studio.`, {
      productionId: consent.productionId,
    });
  }
  const [row] = await tx
    .insert(consents)
    .values({
      id: randomUUID(),
      studioOrgId,
      ...consent,
      status: 'active',
      createdBy: ctx.principal.userId,
      createdAt: at,
    })
    .returning();
  if (row === undefined) throw new Error('consent insert returned no row');
  return row;
}

/** Studio legal records a performer's consent for one production and one use. */
export async function recordConsent({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: unknown;
}): Promise<ConsentView> {
  requirePermission(ctx, 'consent.manage');
  const consent = parseInput(ConsentInput, input, 'consent');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const row = await insertConsent(tx, ctx, consent, at);
    await appendAudit(tx, ledgerWriter(ctx, at), [
      {
        type: 'consent.recorded',
        consentId: row.id,
        performerId: row.performerId,
        productionId: row.productionId,
        use: row.use,
      },
    ]);
    return toConsentView(row);
  });
}
