import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { isRole, type OrganisationKind, ROLE_ORGANISATION_KINDS, type Role } from '../../domain/roles.js';
import type { Executor, Store } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { invitations, organisations, users } from '../../store/schema.js';
import { hashPassword, newSecret, secretHash } from '../auth/secrets.js';
import { requirePermission } from '../authorize.js';
import { nowOf, type ServiceCtx } from '../context.js';

/** Invitation links last a week unless the inviter says otherwise. */
export const DEFAULT_INVITATION_DAYS = 7;
/** The same floor for invited users as for the first administrator. */
export const MIN_PASSWORD_LENGTH = 12;

export type InviteUserInput = {
  readonly email: string;
  readonly role: Role;
  readonly expiresInDays?: number | undefined;
};
export type CreatedInvitation = {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  /** Shown once: only its hash is kept. The web app's accept page takes it. */
  readonly token: string;
  readonly expiresAt: string;
};

export function assertRoleFits(role: string, orgKind: string): asserts role is Role {
  if (!isRole(role))
    throw new AppError('INVALID_INPUT', `Unknown role ${role}.`, { key: 'role', value: role });
  if (!(ROLE_ORGANISATION_KINDS[role] as readonly string[]).includes(orgKind)) {
    throw new AppError('INVALID_INPUT', `Role ${role} does not fit a ${orgKind} organisation.`, {
      key: 'role',
      value: role,
      allowed: Object.entries(ROLE_ORGANISATION_KINDS)
        .filter(([, kinds]) => (kinds as readonly string[]).includes(orgKind))
        .map(([r]) => r),
    });
  }
}

async function assertEmailFree(tx: Executor, email: string): Promise<void> {
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (taken !== undefined)
    throw new AppError('CONFLICT', `A user with the email ${email} already exists.`, { key: 'email' });
}

/** Inserts an invitation inside the caller's transaction (also used when creating an organisation). */
export async function insertInvitation(
  tx: Executor,
  at: Date,
  input: InviteUserInput & {
    readonly orgId: string;
    readonly orgKind: OrganisationKind | string;
    readonly invitedBy: string;
  },
): Promise<CreatedInvitation> {
  assertRoleFits(input.role, input.orgKind);
  await assertEmailFree(tx, input.email);
  const id = randomUUID();
  const token = newSecret('cfi');
  const expiresAt = new Date(at.getTime() + (input.expiresInDays ?? DEFAULT_INVITATION_DAYS) * 86_400_000);
  await tx.insert(invitations).values({
    id,
    orgId: input.orgId,
    email: input.email,
    role: input.role,
    tokenHash: secretHash(token),
    invitedBy: input.invitedBy,
    createdAt: at,
    expiresAt,
  });
  await appendAudit(tx, { orgId: input.orgId, actor: { kind: 'user', id: input.invitedBy }, at }, [
    { type: 'user.invited', invitationId: id, email: input.email, role: input.role },
  ]);
  return { id, email: input.email, role: input.role, token, expiresAt: expiresAt.toISOString() };
}

/** An admin invites someone into their own organisation by link (the only organisation they manage). */
export async function inviteUser({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: InviteUserInput;
}): Promise<CreatedInvitation> {
  requirePermission(ctx, 'user.invite');
  const at = nowOf(ctx);
  return ctx.store.transaction((tx) =>
    insertInvitation(tx, at, {
      ...input,
      orgId: ctx.principal.orgId,
      orgKind: ctx.principal.orgKind,
      invitedBy: ctx.principal.userId,
    }),
  );
}

export type AcceptInvitationInput = {
  readonly token: string;
  readonly name: string;
  readonly password: string;
};

/**
 * Accepting a link (no session yet): sets the new user's name and password. An unknown, used or
 * expired token is refused with one message, so the answer does not tell them apart.
 */
export async function acceptInvitation({
  store,
  input,
  now = new Date(),
}: {
  store: Store;
  input: AcceptInvitationInput;
  now?: Date;
}): Promise<{ userId: string; email: string }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'INVALID_INPUT',
      `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
      {
        key: 'password',
        minLength: MIN_PASSWORD_LENGTH,
      },
    );
  }
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ inv: invitations, orgKind: organisations.kind })
      .from(invitations)
      .innerJoin(organisations, eq(organisations.id, invitations.orgId))
      .where(
        and(
          eq(invitations.tokenHash, secretHash(input.token)),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .for('update');
    if (invitation === undefined) {
      throw new AppError(
        'NOT_FOUND',
        'This invitation link is unknown, already used or expired; ask for a new one.',
      );
    }
    const { inv } = invitation;
    assertRoleFits(inv.role, invitation.orgKind);
    await assertEmailFree(tx, inv.email);
    const userId = randomUUID();
    await tx.insert(users).values({
      id: userId,
      orgId: inv.orgId,
      email: inv.email,
      name: input.name,
      role: inv.role,
      passwordHash,
      createdAt: now,
    });
    await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedUserId: userId })
      .where(eq(invitations.id, inv.id));
    await appendAudit(tx, { orgId: inv.orgId, actor: { kind: 'user', id: userId }, at: now }, [
      { type: 'user.created', userId, email: inv.email, role: inv.role },
      { type: 'user.invitation_accepted', invitationId: inv.id, userId },
    ]);
    return { userId, email: inv.email };
  });
}
