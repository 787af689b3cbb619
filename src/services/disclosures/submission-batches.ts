import { batchWhileBusy, settleEach } from '../../lib/batch-while-busy.js';
import type { Store } from '../../store/database.js';
import { perStore } from '../../store/per-store.js';
import { type DisclosureTarget, findDisclosureTargets } from '../../store/repositories/productions.js';
import type { Viewer } from '../../store/tenancy.js';
import { type NewDisclosure, writeNewDisclosures } from './new-disclosure.js';

/*
 * The submit path without an Idempotency-Key, under load: submissions arriving while others
 * are in flight share their round trips. Each read is still fresh (no cache), and each
 * submission commits before its partner is answered; only the number of statements and
 * commits per submission falls as the load rises (batch-while-busy.ts).
 */

/**
 * One batch of a kind in flight at a time: the next one gathers everything that arrived
 * meanwhile, which under load makes batches larger and round trips fewer. The cap bounds
 * one statement's size (a submission's rows travel as JSON, a few kilobytes each).
 */
const READS = { maxInFlight: 1, maxBatch: 128 } as const;
const WRITES = { maxInFlight: 1, maxBatch: 64 } as const;

type TargetAsk = { readonly viewer: Viewer; readonly productionId: string };

/** Whose sight a target is read with: a production may be visible to one organisation and not another. */
const viewerKey = (viewer: Viewer) => `${viewer.orgKind}:${viewer.orgId}`;

/** `findDisclosureTarget` for a batch: one query per viewer organisation in it (usually one). */
export const disclosureTargetOf = perStore((store: Store) =>
  batchWhileBusy(async (asks: readonly TargetAsk[]) => {
    const byViewer = new Map<string, { viewer: Viewer; ids: Set<string> }>();
    for (const { viewer, productionId } of asks) {
      const group = byViewer.get(viewerKey(viewer)) ?? { viewer, ids: new Set<string>() };
      group.ids.add(productionId);
      byViewer.set(viewerKey(viewer), group);
    }
    const found = new Map<string, Map<string, DisclosureTarget>>();
    await store.read((db) =>
      Promise.all(
        [...byViewer].map(async ([key, { viewer, ids }]) => {
          found.set(key, await findDisclosureTargets(db, viewer, [...ids]));
        }),
      ),
    );
    return asks.map(({ viewer, productionId }) => ({
      ok: true as const,
      value: found.get(viewerKey(viewer))?.get(productionId),
    }));
  }, READS),
);

/** Writes a new disclosure together with the others in flight: one transaction, one statement per batch. */
export const newDisclosureWriterOf = perStore((store: Store) =>
  batchWhileBusy(
    (planned: readonly NewDisclosure[]) =>
      settleEach(
        planned,
        async (all) => {
          await store.transaction((tx) => writeNewDisclosures(tx, all));
          return all.map(() => undefined);
        },
        (one) => store.transaction((tx) => writeNewDisclosures(tx, [one])),
      ),
    WRITES,
  ),
);
