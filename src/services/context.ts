import type { AuditActor } from '../domain/audit/events.js';
import type { OrganisationKind, Role } from '../domain/roles.js';
import type { Store } from '../store/database.js';
import type { LedgerWriter } from '../store/ledger.js';

/** Who is acting: a signed-in user, or a user through one of their API tokens. */
export type Principal = {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly orgId: string;
  readonly orgKind: OrganisationKind;
  readonly via: 'session' | 'api_token';
  readonly tokenId?: string | undefined;
  /** API tokens only: `read` tokens may take read actions alone (see TOKEN_SCOPES in permissions.ts). */
  readonly scope?: 'read' | 'read_write' | undefined;
};

/**
 * What every service verb receives beside its input: the database, the acting principal
 * (whose organisation scopes every query), the request id for logs and errors, and a clock
 * that tests can pin.
 */
export type ServiceCtx = {
  readonly store: Store;
  readonly principal: Principal;
  readonly requestId: string;
  readonly now?: (() => Date) | undefined;
};

export function nowOf(ctx: { readonly now?: (() => Date) | undefined }): Date {
  return ctx.now ? ctx.now() : new Date();
}

export function actorOf(principal: Principal): AuditActor {
  return { kind: principal.via === 'api_token' ? 'api_token' : 'user', id: principal.userId };
}

/** Ledger entries land in the acting principal's organisation chain. */
export function ledgerWriter(ctx: ServiceCtx, at: Date = nowOf(ctx)): LedgerWriter {
  return { orgId: ctx.principal.orgId, actor: actorOf(ctx.principal), at };
}
