import { asc, eq } from 'drizzle-orm';
import {
  findRevisions,
  findVisibleDisclosure,
  listVisibleDisclosures,
} from '../../store/repositories/disclosures.js';
import { comments } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';
import {
  type DisclosureView,
  loadDisclosureView,
  loadDisclosureViews,
  type RevisionView,
  toRevisionView,
} from './disclosure-view.js';
import { notFound } from './find-locked.js';

/** Read verbs: tenancy is in the queries, so what is not visible is not found. */

export async function getDisclosure({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { disclosureId: string };
}): Promise<DisclosureView> {
  requirePermission(ctx, 'disclosure.read');
  return ctx.store.transaction(async (tx) => {
    const row = await findVisibleDisclosure(tx, ctx.principal, input.disclosureId);
    if (row === undefined) throw notFound(input.disclosureId);
    return loadDisclosureView(tx, row);
  });
}

export type ListDisclosuresInput = {
  readonly productionId?: string | undefined;
  readonly state?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
};

export async function listDisclosures({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: ListDisclosuresInput;
}): Promise<DisclosureView[]> {
  requirePermission(ctx, 'disclosure.read');
  return ctx.store.transaction(async (tx) => {
    const rows = await listVisibleDisclosures(tx, ctx.principal, {
      productionId: input.productionId,
      state: input.state,
      limit: input.limit ?? 50,
      offset: input.offset ?? 0,
    });
    return loadDisclosureViews(tx, rows);
  });
}

export async function listRevisions({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { disclosureId: string };
}): Promise<RevisionView[]> {
  requirePermission(ctx, 'disclosure.read');
  return ctx.store.transaction(async (tx) => {
    const row = await findVisibleDisclosure(tx, ctx.principal, input.disclosureId);
    if (row === undefined) throw notFound(input.disclosureId);
    return (await findRevisions(tx, [row.id])).map(toRevisionView);
  });
}

export type CommentView = {
  readonly id: string;
  readonly authorId: string;
  readonly body: string;
  readonly createdAt: string;
};

export async function listComments({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { disclosureId: string };
}): Promise<CommentView[]> {
  requirePermission(ctx, 'disclosure.read');
  return ctx.store.transaction(async (tx) => {
    const row = await findVisibleDisclosure(tx, ctx.principal, input.disclosureId);
    if (row === undefined) throw notFound(input.disclosureId);
    const rows = await tx
      .select()
      .from(comments)
      .where(eq(comments.disclosureId, row.id))
      .orderBy(asc(comments.createdAt));
    return rows.map((c) => ({
      id: c.id,
      authorId: c.authorId,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
    }));
  });
}
