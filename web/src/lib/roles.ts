import { type Action, isAllowed } from '../../../src/domain/permissions.js';
import { isRole } from '../../../src/domain/roles.js';
import type { UserDto } from '../api/types.js';

/**
 * What the signed-in user may do, from the server's own permission table (pure data), so
 * the navigation never offers a screen whose API calls would be refused.
 */
export function can(user: UserDto, action: Action): boolean {
  return isRole(user.role) && isAllowed(user.role, action);
}

export function isPartner(user: UserDto): boolean {
  return can(user, 'disclosure.submit');
}

export function isReviewer(user: UserDto): boolean {
  return can(user, 'disclosure.acknowledge') || can(user, 'disclosure.approve');
}
