import { randomUUID } from 'node:crypto';
import type { Executor } from '../../store/database.js';
import { appendAudit, type LedgerWriter } from '../../store/ledger.js';
import { insertProduction } from '../../store/repositories/productions.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type Idempotent, onceForKey } from '../idempotency.js';
import { checkProductionParties, ProductionFieldsSchema, parseProductionInput } from './production-input.js';
import { type ProductionView, toProductionView } from './production-view.js';

export type NewProduction = {
  readonly studioOrgId: string;
  readonly partnerOrgId: string;
  readonly title: string;
  readonly format: string;
  readonly vendorOrgIds?: readonly string[] | undefined;
  readonly contactIds?: readonly string[] | undefined;
};

/**
 * The one way a production comes to exist, for a studio admin's request and for system
 * provisioning alike: fields and parties checked, rows inserted, `production.created`
 * appended to the studio's chain by `writer`, all in the caller's transaction.
 */
export async function insertProductionRecord(
  tx: Executor,
  writer: LedgerWriter,
  input: NewProduction,
): Promise<ProductionView> {
  const { title, format, partnerOrgId, ...lists } = parseProductionInput(ProductionFieldsSchema, {
    title: input.title,
    format: input.format,
    partnerOrgId: input.partnerOrgId,
    vendorOrgIds: input.vendorOrgIds,
    contactIds: input.contactIds,
  });
  const sent = { vendorOrgIds: lists.vendorOrgIds ?? [], contactIds: lists.contactIds ?? [] };
  // Checked in the order sent, so each issue's path is the index the client used.
  await checkProductionParties(tx, { studioOrgId: input.studioOrgId, partnerOrgId, ...sent });
  // Sorted as reads return them, so the answer to the request equals a later GET.
  const parties = { vendorOrgIds: [...sent.vendorOrgIds].sort(), contactIds: [...sent.contactIds].sort() };
  const row = {
    id: randomUUID(),
    studioOrgId: input.studioOrgId,
    partnerOrgId,
    title,
    format,
    version: 1,
    createdAt: writer.at,
  };
  await insertProduction(tx, row, parties);
  await appendAudit(tx, writer, [
    {
      type: 'production.created',
      productionId: row.id,
      title,
      format,
      partnerOrgId,
      vendorOrgIds: parties.vendorOrgIds,
      contactIds: parties.contactIds,
    },
  ]);
  return toProductionView(row, parties);
}

export type CreateProductionInput = Omit<NewProduction, 'studioOrgId'> & {
  readonly idempotencyKey?: string | undefined;
};

/** A studio admin creates a production of their own studio (the studio is theirs, never an input). */
export async function createProduction({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: CreateProductionInput;
}): Promise<Idempotent<ProductionView>> {
  requirePermission(ctx, 'production.create');
  const at = nowOf(ctx);
  const { idempotencyKey, ...fields } = input;
  return ctx.store.transaction((tx) =>
    onceForKey(tx, ctx, idempotencyKey, { operation: 'production.create', body: fields }, () =>
      insertProductionRecord(tx, ledgerWriter(ctx, at), { ...fields, studioOrgId: ctx.principal.orgId }),
    ),
  );
}
