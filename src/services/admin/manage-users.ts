import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import type { Executor } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { organisations, users } from '../../store/schema.js';
import { deleteSessionsOf, revokeTokensOf } from '../auth/revoke-sessions.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { assertRoleFits, type CreatedInvitation, insertInvitation } from './invitations.js';

export type UserSummary = {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly active: boolean;
};

/** The users of the caller's own organisation. */
export async function listUsers({ ctx }: { ctx: ServiceCtx }): Promise<UserSummary[]> {
  requirePermission(ctx, 'user.read');
  return ctx.store.read((db) =>
    db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(eq(users.orgId, ctx.principal.orgId))
      .orderBy(asc(users.email)),
  );
}

/** A user of the caller's organisation, locked; another organisation's user is NOT_FOUND like a missing one. */
async function lockOwnUser(tx: Executor, ctx: ServiceCtx, userId: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, ctx.principal.orgId)))
    .for('update');
  if (row === undefined)
    throw new AppError('NOT_FOUND', `No user ${userId} in your organisation.`, { userId });
  if (row.id === ctx.principal.userId) {
    throw new AppError(
      'INVALID_INPUT',
      'You cannot deactivate yourself or change your own role; ask another administrator.',
      {
        userId,
      },
    );
  }
  return row;
}

/** Deactivates a user: every session and API token of theirs ends in the same transaction. */
export async function deactivateUser({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly userId: string };
}): Promise<{ sessions: number; tokens: number }> {
  requirePermission(ctx, 'user.deactivate');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    await lockOwnUser(tx, ctx, input.userId);
    await tx.update(users).set({ active: false }).where(eq(users.id, input.userId));
    const sessions = await deleteSessionsOf(tx, input.userId);
    const tokens = await revokeTokensOf(tx, input.userId, at);
    await appendAudit(tx, ledgerWriter(ctx, at), [
      { type: 'user.deactivated', userId: input.userId, sessions, tokens },
    ]);
    return { sessions, tokens };
  });
}

/** Changes a user's role within their organisation's kind; principals are read per request, so it applies at once. */
export async function changeUserRole({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly userId: string; readonly role: Role };
}): Promise<{ from: string; to: Role }> {
  requirePermission(ctx, 'user.change_role');
  assertRoleFits(input.role, ctx.principal.orgKind);
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const row = await lockOwnUser(tx, ctx, input.userId);
    await tx.update(users).set({ role: input.role }).where(eq(users.id, input.userId));
    await appendAudit(tx, ledgerWriter(ctx, at), [
      { type: 'user.role_changed', userId: input.userId, from: row.role, to: input.role },
    ]);
    return { from: row.role, to: input.role };
  });
}

export type CreateOrganisationInput = {
  readonly kind: 'partner' | 'vendor';
  readonly name: string;
  /** Invites this person as the new organisation's partner_admin (link shown once). */
  readonly adminEmail?: string | undefined;
};

/** A studio admin creates a partner or vendor organisation, optionally inviting its first admin. */
export async function createOrganisation({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: CreateOrganisationInput;
}): Promise<{ id: string; invitation: CreatedInvitation | null }> {
  requirePermission(ctx, 'organisation.create');
  const at = nowOf(ctx);
  const id = randomUUID();
  return ctx.store.transaction(async (tx) => {
    await tx.insert(organisations).values({ id, kind: input.kind, name: input.name, createdAt: at });
    await appendAudit(tx, { ...ledgerWriter(ctx, at), orgId: id }, [
      { type: 'organisation.created', organisationId: id, kind: input.kind, name: input.name },
    ]);
    // Also in the studio's own chain, so the studio's ledger shows what its admins created.
    await appendAudit(tx, ledgerWriter(ctx, at), [
      { type: 'organisation.created', organisationId: id, kind: input.kind, name: input.name },
    ]);
    const invitation =
      input.adminEmail === undefined
        ? null
        : await insertInvitation(tx, at, {
            email: input.adminEmail,
            role: 'partner_admin',
            orgId: id,
            orgKind: input.kind,
            invitedBy: ctx.principal.userId,
          });
    return { id, invitation };
  });
}

export type OrganisationSummary = {
  readonly id: string;
  readonly kind: 'partner' | 'vendor';
  readonly name: string;
};

/**
 * The partner and vendor organisations a studio admin can name on a production. Partner and
 * vendor organisations belong to no one studio (a production links them), so this is every
 * one of them; studios are left out.
 */
export async function listOrganisations({ ctx }: { ctx: ServiceCtx }): Promise<OrganisationSummary[]> {
  requirePermission(ctx, 'organisation.read');
  const rows = await ctx.store.read((db) =>
    db
      .select({ id: organisations.id, kind: organisations.kind, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.kind, ['partner', 'vendor']))
      .orderBy(asc(organisations.name), asc(organisations.id)),
  );
  return rows.map((r) => ({ ...r, kind: r.kind === 'vendor' ? 'vendor' : 'partner' }));
}
