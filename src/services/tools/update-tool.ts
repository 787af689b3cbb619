import { and, eq } from 'drizzle-orm';
import type { AuditEvent } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { toolFacts, toolKey } from '../../domain/registry/tool-facts.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import type { Executor } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { registryTools } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { type CascadeResult, reevaluateAffected } from '../registry/cascade.js';
import { parseInput } from '../registry/input.js';
import { toolEntryOf } from '../registry/lookup-facts.js';
import { findToolByName } from './register-tool.js';
import { ToolInput, type ToolView, toToolView } from './tool-schemas.js';

export type UpdateToolResult = { readonly tool: ToolView; readonly cascade: CascadeResult | null };

type ToolRow = typeof registryTools.$inferSelect;

/**
 * Replaces a tool's record in the caller's transaction. When what the verdict reads of the
 * tool changes (status, data handling, enterprise agreement, note), every open disclosure
 * naming it is evaluated again: a block re-opens them and voids their approvals.
 */
export async function applyToolChange(
  tx: Executor,
  ctx: ServiceCtx,
  before: ToolRow,
  tool: ToolInput,
  at: Date,
): Promise<{ row: ToolRow; cascade: CascadeResult | null; events: AuditEvent[] }> {
  if (toolKey(tool.name) !== toolKey(before.name)) {
    const clash = await findToolByName(tx, before.studioOrgId, tool.name);
    if (clash !== undefined && clash.id !== before.id) {
      throw new AppError('CONFLICT', `The tool registry already has a tool named "${tool.name}".`, {
        name: tool.name,
      });
    }
  }
  const [row] = await tx
    .update(registryTools)
    .set({ ...tool, version: before.version + 1, updatedAt: at })
    .where(eq(registryTools.id, before.id))
    .returning();
  if (row === undefined) throw new Error(`tool ${before.id} vanished under lock`);
  const fields = (Object.keys(tool) as (keyof ToolInput)[]).filter(
    (k) => canonicalJson(tool[k] ?? null) !== canonicalJson(before[k] ?? null),
  );
  const events: AuditEvent[] = [{ type: 'tool.updated', toolId: row.id, fields, status: row.status }];
  if (before.status !== row.status) {
    events.push({ type: 'tool.status_changed', toolId: row.id, from: before.status, to: row.status });
  }
  const factsMoved =
    canonicalJson(toolFacts(toolEntryOf(before))) !== canonicalJson(toolFacts(toolEntryOf(row))) ||
    toolKey(before.name) !== toolKey(row.name);
  if (!factsMoved) return { row, cascade: null, events };
  const cause =
    row.status === 'blocked' && before.status !== 'blocked'
      ? ({ kind: 'tool.blocked', toolId: row.id } as const)
      : ({ kind: 'tool.changed', toolId: row.id } as const);
  // A renamed tool leaves disclosures under the old name unregistered: both names are reached.
  const keys = [...new Set([toolKey(before.name), toolKey(row.name)])];
  let examined = 0;
  const reopened: string[] = [];
  let approvalsVoided = 0;
  for (const key of keys) {
    const step = await reevaluateAffected(tx, ctx, { studioOrgId: row.studioOrgId, toolKey: key, cause }, at);
    examined += step.result.examined;
    reopened.push(...step.result.reopened);
    approvalsVoided += step.result.approvalsVoided;
    events.push(...step.events);
  }
  return { row, cascade: { examined, reopened, approvalsVoided }, events };
}

/** A studio admin changes a tool's record (a block, a new review, changed data handling). */
export async function updateTool({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly toolId: string; readonly tool: unknown; readonly expectedVersion?: number | undefined };
}): Promise<UpdateToolResult> {
  requirePermission(ctx, 'tool.manage');
  const tool = parseInput(ToolInput, input.tool, 'tool');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(registryTools)
      .where(and(eq(registryTools.id, input.toolId), eq(registryTools.studioOrgId, ctx.principal.orgId)))
      .for('update');
    if (before === undefined) {
      throw new AppError('NOT_FOUND', `No tool ${input.toolId} in your studio's registry.`, {
        toolId: input.toolId,
      });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `The tool changed since you read it (you sent version ${input.expectedVersion}, it is now ${before.version}); re-read it and retry.`,
        { expectedVersion: input.expectedVersion, currentVersion: before.version },
      );
    }
    const { row, cascade, events } = await applyToolChange(tx, ctx, before, tool, at);
    await appendAudit(tx, ledgerWriter(ctx, at), events);
    return { tool: toToolView(row), cascade };
  });
}
