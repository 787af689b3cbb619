import { AppError } from '../domain/errors.js';
import { type Action, isAllowed, scopeAllows } from '../domain/permissions.js';
import type { ServiceCtx } from './context.js';

/** First line of every verb: refuse unless the permission table lists the principal's role. */
export function requirePermission(ctx: Pick<ServiceCtx, 'principal'>, action: Action): void {
  if (!isAllowed(ctx.principal.role, action)) {
    throw new AppError('FORBIDDEN', `Your role (${ctx.principal.role}) may not ${action}.`, {
      action,
      role: ctx.principal.role,
    });
  }
  if (!scopeAllows(ctx.principal.scope, action)) {
    throw new AppError(
      'FORBIDDEN',
      `This API token is read-only and may not ${action}; create a read_write token.`,
      {
        action,
        scope: ctx.principal.scope,
      },
    );
  }
}
