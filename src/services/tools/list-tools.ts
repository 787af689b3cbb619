import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { productions, registryTools } from '../../store/schema.js';
import { productionVisibleTo } from '../../store/tenancy.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';
import { type ToolView, toToolView } from './tool-schemas.js';

/** What a partner may pick from: never a blocked tool. */
const PICKABLE = ['approved', 'approved_with_conditions'];

/**
 * The tool registry as the reader may see it: studio staff see their studio's every entry;
 * partners and vendors see the approved entries of the studios whose productions they work on.
 */
export async function listTools({ ctx }: { ctx: ServiceCtx; input?: undefined }): Promise<ToolView[]> {
  requirePermission(ctx, 'tool.read');
  return ctx.store.transaction(async (tx) => {
    if (ctx.principal.orgKind === 'studio') {
      const rows = await tx
        .select()
        .from(registryTools)
        .where(eq(registryTools.studioOrgId, ctx.principal.orgId))
        .orderBy(asc(registryTools.name));
      return rows.map(toToolView);
    }
    const studios = await tx
      .selectDistinct({ id: productions.studioOrgId })
      .from(productions)
      .where(productionVisibleTo(ctx.principal));
    if (studios.length === 0) return [];
    const rows = await tx
      .select()
      .from(registryTools)
      .where(
        and(
          inArray(
            registryTools.studioOrgId,
            studios.map((s) => s.id),
          ),
          inArray(registryTools.status, PICKABLE),
        ),
      )
      .orderBy(asc(registryTools.name));
    return rows.map(toToolView);
  });
}

/** One tool, under the same visibility as `listTools`. */
export async function getTool({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { toolId: string };
}): Promise<ToolView> {
  const tool = (await listTools({ ctx })).find((t) => t.id === input.toolId);
  if (tool === undefined) throw new AppError('NOT_FOUND', `No tool ${input.toolId} that you can see.`, input);
  return tool;
}
