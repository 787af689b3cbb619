import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { registryTools } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { parseInput } from '../registry/input.js';
import { ToolInput, type ToolView, toToolView } from './tool-schemas.js';

/** The tool of this studio with this name (case- and space-insensitive), if any. */
export async function findToolByName(tx: Executor, studioOrgId: string, name: string) {
  const [row] = await tx
    .select()
    .from(registryTools)
    .where(
      and(
        eq(registryTools.studioOrgId, studioOrgId),
        sql`lower(trim(${registryTools.name})) = ${name.trim().toLowerCase()}`,
      ),
    );
  return row;
}

/** Inserts a new tool in the caller's transaction; a name already in the registry is a conflict. */
export async function insertTool(tx: Executor, studioOrgId: string, tool: ToolInput, at: Date) {
  if ((await findToolByName(tx, studioOrgId, tool.name)) !== undefined) {
    throw new AppError(
      'CONFLICT',
      `The tool registry already has a tool named "${tool.name}"; update it instead.`,
      {
        name: tool.name,
      },
    );
  }
  const [row] = await tx
    .insert(registryTools)
    .values({ id: randomUUID(), studioOrgId, ...tool, createdAt: at, updatedAt: at })
    .returning();
  if (row === undefined) throw new Error('tool insert returned no row');
  return row;
}

/** A studio admin adds a GenAI tool or vendor pipeline to the studio's registry. */
export async function registerTool({ ctx, input }: { ctx: ServiceCtx; input: unknown }): Promise<ToolView> {
  requirePermission(ctx, 'tool.manage');
  const tool = parseInput(ToolInput, input, 'tool');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const row = await insertTool(tx, ctx.principal.orgId, tool, at);
    await appendAudit(tx, ledgerWriter(ctx, at), [
      { type: 'tool.registered', toolId: row.id, name: row.name, status: row.status },
    ]);
    return toToolView(row);
  });
}
