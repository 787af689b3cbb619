import { AppError } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { type DisclosureRow, findVisibleDisclosure } from '../../store/repositories/disclosures.js';
import type { ServiceCtx } from '../context.js';

/** Re-reads a disclosure under a row lock, or answers 404 (missing and out-of-reach alike). */
export async function findLockedDisclosure(
  tx: Executor,
  ctx: ServiceCtx,
  id: string,
): Promise<DisclosureRow> {
  const row = await findVisibleDisclosure(tx, ctx.principal, id, { lock: true });
  if (row === undefined) throw notFound(id);
  return row;
}

export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No disclosure ${id} that you can see.`, { disclosureId: id });
}
