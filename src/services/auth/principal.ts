import { isRole } from '../../domain/roles.js';
import type { UserWithOrg } from '../../store/repositories/users.js';
import type { Principal } from '../context.js';

/** Builds a principal from a stored user; a row with an unknown role or kind grants nothing. */
export function principalFromUser(
  user: UserWithOrg,
  via: Principal['via'],
  tokenId?: string,
  scope?: string,
): Principal | undefined {
  if (!user.active || !isRole(user.role)) return undefined;
  if (user.orgKind !== 'studio' && user.orgKind !== 'partner' && user.orgKind !== 'vendor') return undefined;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    orgId: user.orgId,
    orgKind: user.orgKind,
    via,
    tokenId,
    // An unknown stored scope grants the narrower one.
    ...(via === 'api_token' ? { scope: scope === 'read_write' ? 'read_write' : 'read' } : {}),
  };
}

/** What clients are told about a user: never the password hash. */
export type UserDto = {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly organisation: { readonly id: string; readonly kind: string };
};

export function toUserDto(principal: Principal): UserDto {
  return {
    id: principal.userId,
    email: principal.email,
    name: principal.name,
    role: principal.role,
    organisation: { id: principal.orgId, kind: principal.orgKind },
  };
}
