import { AppError } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import {
  findVisibleProduction,
  listProductionParties,
  type ProductionRow,
  replaceProductionContacts,
  replaceProductionVendors,
  updateProduction as updateProductionRow,
} from '../../store/repositories/productions.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import {
  checkProductionParties,
  ProductionContactsSchema,
  ProductionPatchSchema,
  ProductionVendorsSchema,
  parseProductionInput,
} from './production-input.js';
import { loadProductionView, type ProductionView } from './production-view.js';
import { productionNotFound } from './read-productions.js';

type Precondition = {
  readonly productionId: string;
  /** The version from If-Match; absent means "no precondition". */
  readonly expectedVersion?: number | undefined;
};

/**
 * Re-reads the production under a row lock within the caller's studio (another studio's id
 * is NOT_FOUND like a missing one), then checks the If-Match version.
 */
async function lockProduction(tx: Executor, ctx: ServiceCtx, input: Precondition): Promise<ProductionRow> {
  const row = await findVisibleProduction(tx, ctx.principal, input.productionId, { lock: true });
  if (row === undefined) throw productionNotFound(input.productionId);
  if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `The production changed since you read it (you sent version ${input.expectedVersion}, it is now ${row.version}); re-read it and retry.`,
      { expectedVersion: input.expectedVersion, currentVersion: row.version },
    );
  }
  return row;
}

export type UpdateProductionInput = Precondition & {
  readonly title?: string | undefined;
  readonly format?: string | undefined;
};

/** A studio admin renames a production or corrects its format; sending what it already is changes nothing. */
export async function updateProduction({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: UpdateProductionInput;
}): Promise<ProductionView> {
  requirePermission(ctx, 'production.update');
  const patch = parseProductionInput(ProductionPatchSchema, { title: input.title, format: input.format });
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const row = await lockProduction(tx, ctx, input);
    const changes = (['title', 'format'] as const).flatMap((field) => {
      const to = patch[field];
      return to === undefined || to === row[field] ? [] : [{ field, from: row[field], to }];
    });
    if (changes.length === 0) return loadProductionView(tx, row);
    const updated = await updateProductionRow(
      tx,
      row,
      Object.fromEntries(changes.map((c) => [c.field, c.to])),
    );
    await appendAudit(tx, ledgerWriter(ctx, at), [
      { type: 'production.updated', productionId: row.id, changes },
    ]);
    return loadProductionView(tx, updated);
  });
}

type PartyList = 'vendorOrgIds' | 'contactIds';

/**
 * Replaces one list of a production's parties (its vendors or its named contacts) with
 * `ids`, checked as at creation; the same set again changes nothing.
 */
async function setParties(
  ctx: ServiceCtx,
  input: Precondition & { readonly ids: readonly string[] },
  list: PartyList,
): Promise<ProductionView> {
  requirePermission(ctx, 'production.update');
  const ids =
    list === 'vendorOrgIds'
      ? parseProductionInput(ProductionVendorsSchema, { vendorOrgIds: input.ids }).vendorOrgIds
      : parseProductionInput(ProductionContactsSchema, { contactIds: input.ids }).contactIds;
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const row = await lockProduction(tx, ctx, input);
    await checkProductionParties(tx, { studioOrgId: row.studioOrgId, [list]: ids });
    const before = (await listProductionParties(tx, [row.id])).get(row.id)?.[list] ?? [];
    const after = [...ids].sort();
    const added = after.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !after.includes(id));
    if (added.length === 0 && removed.length === 0) return loadProductionView(tx, row);
    if (list === 'vendorOrgIds') await replaceProductionVendors(tx, row.id, after);
    else await replaceProductionContacts(tx, row.id, after);
    const updated = await updateProductionRow(tx, row, {});
    await appendAudit(tx, ledgerWriter(ctx, at), [
      list === 'vendorOrgIds'
        ? { type: 'production.vendors_set', productionId: row.id, vendorOrgIds: after, added, removed }
        : { type: 'production.contacts_set', productionId: row.id, contactIds: after, added, removed },
    ]);
    return loadProductionView(tx, updated);
  });
}

/** Sets the vendors attached to a production: a vendor taken off no longer sees it. */
export function setProductionVendors({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: Precondition & { readonly vendorOrgIds: readonly string[] };
}): Promise<ProductionView> {
  return setParties(ctx, { ...input, ids: input.vendorOrgIds }, 'vendorOrgIds');
}

/** Sets the studio contacts named on a production: they, and no one else, are told of its disclosures. */
export function setProductionContacts({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: Precondition & { readonly contactIds: readonly string[] };
}): Promise<ProductionView> {
  return setParties(ctx, { ...input, ids: input.contactIds }, 'contactIds');
}
