import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { performers } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { parseInput } from '../registry/input.js';
import { PerformerInput, type PerformerView, toPerformerView } from './consent-schemas.js';

export async function findPerformerByName(tx: Executor, studioOrgId: string, name: string) {
  const [row] = await tx
    .select()
    .from(performers)
    .where(
      and(
        eq(performers.studioOrgId, studioOrgId),
        sql`lower(trim(${performers.displayName})) = ${name.trim().toLowerCase()}`,
      ),
    );
  return row;
}

export async function insertPerformer(
  tx: Executor,
  studioOrgId: string,
  performer: PerformerInput,
  at: Date,
) {
  if ((await findPerformerByName(tx, studioOrgId, performer.displayName)) !== undefined) {
    throw new AppError('CONFLICT', `A performer named "${performer.displayName}" is already registered.`, {
      displayName: performer.displayName,
    });
  }
  const [row] = await tx
    .insert(performers)
    .values({ id: randomUUID(), studioOrgId, ...performer, createdAt: at })
    .returning();
  if (row === undefined) throw new Error('performer insert returned no row');
  return row;
}

/** Studio legal registers a performer (display name or role; no contact details, no birth dates). */
export async function registerPerformer({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: unknown;
}): Promise<PerformerView> {
  requirePermission(ctx, 'consent.manage');
  const performer = parseInput(PerformerInput, input, 'performer');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const row = await insertPerformer(tx, ctx.principal.orgId, performer, at);
    // The ledger names the id only: a performer's name is personal data.
    await appendAudit(tx, ledgerWriter(ctx, at), [{ type: 'performer.registered', performerId: row.id }]);
    return toPerformerView(row);
  });
}
