import { AppError } from '../../domain/errors.js';
import type { Executor } from '../../store/database.js';
import { type DisclosureRow, findVisibleDisclosure } from '../../store/repositories/disclosures.js';
import type { ServiceCtx } from '../context.js';

/**
 * A disclosure an asset may be linked to: one the caller can see, on the asset's production.
 * Another production's disclosure (or one out of reach) is refused, so a link can never make
 * one title's approval cover another title's material.
 */
export async function findLinkableDisclosure(
  tx: Executor,
  ctx: ServiceCtx,
  disclosureId: string,
  productionId: string,
): Promise<DisclosureRow> {
  const disclosure = await findVisibleDisclosure(tx, ctx.principal, disclosureId);
  if (disclosure === undefined) {
    throw new AppError('NOT_FOUND', `No disclosure ${disclosureId} that you can see.`, { disclosureId });
  }
  if (disclosure.productionId !== productionId) {
    throw new AppError(
      'INVALID_INPUT',
      `Disclosure ${disclosureId} belongs to another production; link assets to a disclosure of production ${productionId}.`,
      { disclosureId, productionId },
    );
  }
  return disclosure;
}
