import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditEvent } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { toolKey as nameKey } from '../../domain/registry/tool-facts.js';
import { appendAudit } from '../../store/ledger.js';
import { consents, performers } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import {
  type Columns,
  type ImportResult,
  importRows,
  type RegistryFormat,
  type RowIssue,
  refuseRows,
  toCsv,
} from '../registry/csv.js';
import { parseRow } from '../registry/input.js';
import { ConsentInput, PerformerInput } from './consent-schemas.js';
import { insertConsent } from './record-consent.js';
import { findPerformerByName, insertPerformer } from './register-performer.js';

/** One consent per row, with its performer by name (registered on first sight). */
export const CONSENT_COLUMNS: Columns = {
  performer: 'text',
  union: 'text',
  deceased: 'boolean',
  authorisingBody: 'text',
  productionId: 'text',
  use: 'text',
  description: 'text',
  unionCovered: 'boolean',
  validFrom: 'text',
  validTo: 'text',
  estateAuthorisation: 'text',
  status: 'text',
};
const REQUIRED = ['performer', 'productionId', 'use', 'description', 'unionCovered', 'validFrom'];

const ConsentRow = z.strictObject({
  performer: PerformerInput.shape.displayName,
  union: PerformerInput.shape.union,
  deceased: PerformerInput.shape.deceased,
  authorisingBody: PerformerInput.shape.authorisingBody,
  productionId: z.string(),
  use: z.string(),
  description: z.string(),
  unionCovered: z.unknown(),
  validFrom: z.unknown(),
  validTo: z.unknown().optional(),
  estateAuthorisation: z.unknown().optional(),
  /** Exported for reading; an import records active consents only (revocation has its own verb). */
  status: z.literal('active').optional(),
});

/**
 * Imports consent records all or nothing (see importTools): rows are checked first, then
 * written in one transaction; an unknown production or a performer who clashes is refused
 * with its row number, and nothing of the file is kept.
 */
export async function importConsents({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly format: RegistryFormat; readonly body: unknown };
}): Promise<ImportResult> {
  requirePermission(ctx, 'consent.import');
  const raw = importRows(input.format, input.body, CONSENT_COLUMNS, REQUIRED);
  const issues: RowIssue[] = [];
  const rows: { row: number; performer: PerformerInput; consent: Omit<ConsentInput, 'performerId'> }[] = [];
  raw.forEach((item, i) => {
    const row = i + 1;
    const outer = parseRow(ConsentRow, item, row, issues);
    if (outer === undefined) return;
    const { performer, union, deceased, authorisingBody, status: _status, ...rest } = outer;
    const consent = parseRow(ConsentInput, { ...rest, performerId: 'pending' }, row, issues);
    if (consent === undefined) return;
    const { performerId: _p, ...fields } = consent;
    rows.push({
      row,
      performer: { displayName: performer, union, deceased, authorisingBody },
      consent: fields,
    });
  });
  if (issues.length > 0) refuseRows(`${input.format.toUpperCase()} import`, issues);
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const events: AuditEvent[] = [];
    const performerIds = new Map<string, string>();
    let created = 0;
    for (const { row, performer, consent } of rows) {
      try {
        const key = nameKey(performer.displayName);
        let performerId =
          performerIds.get(key) ??
          (await findPerformerByName(tx, ctx.principal.orgId, performer.displayName))?.id;
        if (performerId === undefined) {
          const inserted = await insertPerformer(tx, ctx.principal.orgId, performer, at);
          events.push({ type: 'performer.registered', performerId: inserted.id });
          performerId = inserted.id;
        }
        performerIds.set(key, performerId);
        const inserted = await insertConsent(tx, ctx, { ...consent, performerId }, at);
        events.push({
          type: 'consent.recorded',
          consentId: inserted.id,
          performerId,
          productionId: inserted.productionId,
          use: inserted.use,
        });
        created += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const column = 'productionId' in error.details ? 'productionId' : 'performer';
        refuseRows(`${input.format.toUpperCase()} import`, [
          { row, column, value: Object.values(error.details)[0] ?? null, message: error.message },
        ]);
      }
    }
    events.push({ type: 'registry.imported', registry: 'consents', created, updated: 0 });
    await appendAudit(tx, ledgerWriter(ctx, at), events);
    return { created, updated: 0, reopened: 0 };
  });
}

/** The studio's consent records with their performers, as CSV or JSON `{ items }` (no documents). */
export async function exportConsents({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly format: RegistryFormat };
}): Promise<string> {
  requirePermission(ctx, 'consent.export');
  const rows = await ctx.store.transaction((tx) =>
    tx
      .select({ consent: consents, performer: performers })
      .from(consents)
      .innerJoin(performers, eq(performers.id, consents.performerId))
      .where(eq(consents.studioOrgId, ctx.principal.orgId))
      .orderBy(asc(performers.displayName), asc(consents.createdAt)),
  );
  const items = rows.map(({ consent: c, performer: p }) => ({
    performer: p.displayName,
    union: p.union,
    deceased: p.deceased,
    authorisingBody: p.authorisingBody,
    productionId: c.productionId,
    use: c.use,
    description: c.description,
    unionCovered: c.unionCovered,
    validFrom: c.validFrom,
    validTo: c.validTo,
    estateAuthorisation: c.estateAuthorisation,
    status: c.status,
  }));
  return input.format === 'csv' ? toCsv(CONSENT_COLUMNS, items) : JSON.stringify({ items }, null, 2);
}
