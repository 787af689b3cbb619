import { desc, eq } from 'drizzle-orm';
import { notices } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';

export type NoticeView = {
  readonly id: string;
  readonly kind: string;
  readonly disclosureId: string;
  readonly payload: unknown;
  readonly createdAt: string;
  readonly sentAt: string | null;
};

/** The notices addressed to the caller (the studio contact's inbox), newest first. */
export async function listNotices({ ctx }: { ctx: ServiceCtx; input?: undefined }): Promise<NoticeView[]> {
  requirePermission(ctx, 'notice.read');
  return ctx.store.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(notices)
      .where(eq(notices.recipientId, ctx.principal.userId))
      .orderBy(desc(notices.createdAt))
      .limit(200);
    return rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      disclosureId: n.disclosureId,
      payload: n.payload,
      createdAt: n.createdAt.toISOString(),
      sentAt: n.sentAt?.toISOString() ?? null,
    }));
  });
}
