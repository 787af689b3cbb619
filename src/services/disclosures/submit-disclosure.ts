import type { RegistryFacts } from '../../policy/registry-facts.js';
import type { Executor } from '../../store/database.js';
import { type DisclosureTarget, findDisclosureTarget } from '../../store/repositories/productions.js';
import { requirePermission } from '../authorize.js';
import { nowOf, type ServiceCtx } from '../context.js';
import { type Idempotent, onceForKey } from '../idempotency.js';
import { lookupRegistryFacts, registryLookupNeeded } from '../registry/lookup-facts.js';
import { assessDisclosure, validateDisclosure } from './assess.js';
import type { DisclosureView } from './disclosure-view.js';
import { planNewDisclosure, requireTarget, writeNewDisclosures } from './new-disclosure.js';
import { disclosureTargetOf, newDisclosureWriterOf } from './submission-batches.js';

export type SubmitDisclosureInput = {
  readonly productionId: string;
  /** A `clearframe/disclosure@1` object; validated and evaluated here. */
  readonly disclosure: unknown;
  /** Save without submitting: the verdict is shown, nobody is told, no review starts. */
  readonly draft?: boolean | undefined;
  readonly idempotencyKey?: string | undefined;
};

/**
 * A partner discloses a use on one of its productions. The disclosure is evaluated and
 * routed at once: the answer already carries the verdict and the state it landed in.
 *
 * Without an Idempotency-Key (the CLI's and integrations' usual call) the reads and the write
 * join those of concurrent submissions (submission-batches.ts). With one, the key is claimed
 * and the disclosure written in one transaction of its own, so that a retry replays it.
 */
export async function submitDisclosure({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: SubmitDisclosureInput;
}): Promise<Idempotent<DisclosureView>> {
  requirePermission(ctx, 'disclosure.submit');
  const disclosure = validateDisclosure(input.disclosure);
  const at = nowOf(ctx);
  const draft = input.draft ?? false;
  const { store, principal } = ctx;
  // The studio's registries decide what they know (tools, consents).
  const factsOn = (db: Executor, target: DisclosureTarget) =>
    lookupRegistryFacts(db, target.production, disclosure, at, target.keeps);
  const plan = (target: DisclosureTarget, facts: RegistryFacts | undefined) =>
    planNewDisclosure(ctx, target, assessDisclosure(disclosure, facts), draft, at);

  if (input.idempotencyKey === undefined) {
    const target = requireTarget(
      await disclosureTargetOf(store)({ viewer: principal, productionId: input.productionId }),
      input.productionId,
    );
    // No kept registry named: nothing to read, so no round trip (on PGlite, no turn of its one connection).
    const facts = registryLookupNeeded(disclosure, target.keeps)
      ? await store.read((db) => factsOn(db, target))
      : undefined;
    const planned = plan(target, facts);
    await newDisclosureWriterOf(store)(planned);
    return { result: planned.view, replayed: false };
  }
  return store.transaction((tx) =>
    onceForKey(
      tx,
      ctx,
      input.idempotencyKey,
      {
        operation: 'disclosure.submit',
        body: { productionId: input.productionId, disclosure: input.disclosure, draft },
      },
      async () => {
        const target = requireTarget(
          await findDisclosureTarget(tx, principal, input.productionId),
          input.productionId,
        );
        const planned = plan(target, await factsOn(tx, target));
        await writeNewDisclosures(tx, [planned]);
        return planned.view;
      },
    ),
  );
}
