import { asc, eq } from 'drizzle-orm';
import type { AuditEvent } from '../../domain/audit/events.js';
import { toolKey } from '../../domain/registry/tool-facts.js';
import { appendAudit } from '../../store/ledger.js';
import { registryTools } from '../../store/schema.js';
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
import { findToolByName, insertTool } from './register-tool.js';
import { ToolInput, toToolView } from './tool-schemas.js';
import { applyToolChange } from './update-tool.js';

export const TOOL_COLUMNS: Columns = {
  name: 'text',
  vendor: 'text',
  storesInputs: 'boolean',
  retentionDays: 'integer',
  trainsOnInputs: 'boolean',
  enterpriseAgreement: 'boolean',
  sso: 'boolean',
  deployment: 'text',
  regions: 'list',
  modalities: 'list',
  outputsC2pa: 'boolean',
  status: 'text',
  statusReason: 'text',
  conditions: 'text',
  lastReviewedOn: 'text',
};
const REQUIRED = [
  'name',
  'vendor',
  'storesInputs',
  'trainsOnInputs',
  'enterpriseAgreement',
  'sso',
  'deployment',
  'outputsC2pa',
  'status',
  'lastReviewedOn',
];

/**
 * Imports tools (new names are added, known names updated) all or nothing: every row is
 * checked first and any problem refuses the whole file, naming row, column and reason; the
 * writes then run in one transaction, so a conflict found there also leaves nothing behind.
 * An update that blocks a tool re-opens the open disclosures naming it, as a single update does.
 */
export async function importTools({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly format: RegistryFormat; readonly body: unknown };
}): Promise<ImportResult> {
  requirePermission(ctx, 'tool.import');
  const raw = importRows(input.format, input.body, TOOL_COLUMNS, REQUIRED);
  const issues: RowIssue[] = [];
  const tools: ToolInput[] = [];
  const seen = new Map<string, number>();
  raw.forEach((item, i) => {
    const row = i + 1;
    const parsed = parseRow(ToolInput, item, row, issues);
    if (parsed === undefined) return;
    const key = toolKey(parsed.name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({
        row,
        column: 'name',
        value: parsed.name,
        message: `the same tool as row ${earlier}`,
      });
      return;
    }
    seen.set(key, row);
    tools.push(parsed);
  });
  if (issues.length > 0) refuseRows(`${input.format.toUpperCase()} import`, issues);
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const events: AuditEvent[] = [];
    let created = 0;
    let updated = 0;
    let reopened = 0;
    for (const tool of tools) {
      const existing = await findToolByName(tx, ctx.principal.orgId, tool.name);
      if (existing === undefined) {
        const row = await insertTool(tx, ctx.principal.orgId, tool, at);
        events.push({ type: 'tool.registered', toolId: row.id, name: row.name, status: row.status });
        created += 1;
      } else {
        const change = await applyToolChange(tx, ctx, existing, tool, at);
        events.push(...change.events);
        reopened += change.cascade?.reopened.length ?? 0;
        updated += 1;
      }
    }
    events.push({ type: 'registry.imported', registry: 'tools', created, updated });
    await appendAudit(tx, ledgerWriter(ctx, at), events);
    return { created, updated, reopened };
  });
}

/** The studio's tool registry as CSV (formulas escaped) or JSON `{ items }` (importable as is). */
export async function exportTools({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly format: RegistryFormat };
}): Promise<string> {
  requirePermission(ctx, 'tool.export');
  const rows = await ctx.store.transaction((tx) =>
    tx
      .select()
      .from(registryTools)
      .where(eq(registryTools.studioOrgId, ctx.principal.orgId))
      .orderBy(asc(registryTools.name)),
  );
  const items = rows.map((row) => {
    const { id: _id, studioOrgId: _s, version: _v, createdAt: _c, updatedAt: _u, ...tool } = toToolView(row);
    return tool;
  });
  return input.format === 'csv' ? toCsv(TOOL_COLUMNS, items) : JSON.stringify({ items }, null, 2);
}
