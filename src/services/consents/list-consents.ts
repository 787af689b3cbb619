import { and, asc, eq, type SQL } from 'drizzle-orm';
import { consents, performers } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';
import { type ConsentView, type PerformerView, toConsentView, toPerformerView } from './consent-schemas.js';

/** The studio's performers (studio staff only: names are personal data). */
export async function listPerformers({
  ctx,
}: {
  ctx: ServiceCtx;
  input?: undefined;
}): Promise<PerformerView[]> {
  requirePermission(ctx, 'consent.read');
  return ctx.store.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(performers)
      .where(eq(performers.studioOrgId, ctx.principal.orgId))
      .orderBy(asc(performers.displayName));
    return rows.map(toPerformerView);
  });
}

/** The studio's consent records, optionally for one production or one performer. */
export async function listConsents({
  ctx,
  input = {},
}: {
  ctx: ServiceCtx;
  input?: { readonly productionId?: string | undefined; readonly performerId?: string | undefined };
}): Promise<ConsentView[]> {
  requirePermission(ctx, 'consent.read');
  return ctx.store.transaction(async (tx) => {
    const where: SQL[] = [eq(consents.studioOrgId, ctx.principal.orgId)];
    if (input.productionId !== undefined) where.push(eq(consents.productionId, input.productionId));
    if (input.performerId !== undefined) where.push(eq(consents.performerId, input.performerId));
    const rows = await tx
      .select()
      .from(consents)
      .where(and(...where))
      .orderBy(asc(consents.createdAt), asc(consents.id));
    return rows.map(toConsentView);
  });
}
