import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { productions, registryTools } from '../../store/schema.js';
import { productionVisibleTo } from '../../store/tenancy.js';
import { requirePermission } from '../authorize.js';
import type { Principal, ServiceCtx } from '../context.js';
import { type ToolView, toToolView } from './tool-schemas.js';

/** What a partner may pick from: never a blocked tool. */
const PICKABLE = ['approved', 'approved_with_conditions'];

/**
 * Which registry rows the reader may see: studio staff see their studio's every entry;
 * partners and vendors see the approved entries of the studios whose productions they work on.
 * `undefined` when the reader works on no production at all.
 */
async function visibleTools(tx: Executor, principal: Principal): Promise<SQL | undefined> {
  if (principal.orgKind === 'studio') return eq(registryTools.studioOrgId, principal.orgId);
  const studios = await tx
    .selectDistinct({ id: productions.studioOrgId })
    .from(productions)
    .where(productionVisibleTo(principal));
  if (studios.length === 0) return undefined;
  return and(
    inArray(
      registryTools.studioOrgId,
      studios.map((s) => s.id),
    ),
    inArray(registryTools.status, PICKABLE),
  );
}

/** The tool registry as the reader may see it, by name. */
export async function listTools({ ctx }: { ctx: ServiceCtx; input?: undefined }): Promise<ToolView[]> {
  requirePermission(ctx, 'tool.read');
  return ctx.store.transaction(async (tx) => {
    const where = await visibleTools(tx, ctx.principal);
    if (where === undefined) return [];
    const rows = await tx.select().from(registryTools).where(where).orderBy(asc(registryTools.name));
    return rows.map(toToolView);
  });
}

/** One tool, under the same visibility as `listTools`; another studio's or a hidden one is not found. */
export async function getTool({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly toolId: string };
}): Promise<ToolView> {
  requirePermission(ctx, 'tool.read');
  const row = await ctx.store.transaction(async (tx) => {
    const where = await visibleTools(tx, ctx.principal);
    if (where === undefined) return undefined;
    const [found] = await tx
      .select()
      .from(registryTools)
      .where(and(where, eq(registryTools.id, input.toolId)));
    return found;
  });
  if (row === undefined) {
    throw new AppError('NOT_FOUND', `No tool ${input.toolId} that you can see.`, { toolId: input.toolId });
  }
  return toToolView(row);
}
