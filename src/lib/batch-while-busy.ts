/**
 * Group commit, generalised: calls made while earlier ones are still in flight are gathered
 * and handed to `run` together, as one batch. An idle batcher runs a call at once, so a
 * quiet server pays no wait; under load, the batches grow with the load, and so do the
 * round trips and commits saved (one per batch instead of one per call).
 */
export type BatchWhileBusyOptions = {
  /** Batches in flight at once (a batch is one round trip or transaction). */
  readonly maxInFlight: number;
  /** Calls per batch at most; more wait for the next one. */
  readonly maxBatch: number;
};

/** Each call's own outcome, so one bad call fails alone (see `settleEach`). */
export type Settled<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

export type RunBatch<I, O> = (items: readonly I[]) => Promise<readonly Settled<O>[]>;

type Waiting<I, O> = {
  readonly item: I;
  readonly resolve: (value: O) => void;
  readonly reject: (error: unknown) => void;
};

export function batchWhileBusy<I, O>(
  run: RunBatch<I, O>,
  options: BatchWhileBusyOptions,
): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;

  const launch = () => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight++;
      run(batch.map((w) => w.item))
        .then(
          (outcomes) => {
            batch.forEach((waiting, i) => {
              const outcome = outcomes[i];
              if (outcome === undefined) waiting.reject(new Error('batch returned no outcome for a call'));
              else if (outcome.ok) waiting.resolve(outcome.value);
              else waiting.reject(outcome.error);
            });
          },
          (error: unknown) => {
            for (const waiting of batch) waiting.reject(error);
          },
        )
        .finally(() => {
          inFlight--;
          launch();
        });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      launch();
    });
}

/**
 * Runs a batch as one unit and, if that fails, each call on its own: a batch that fails as a
 * whole (one call's row breaks a constraint) must not fail the calls that would have succeeded.
 */
export async function settleEach<I, O>(
  items: readonly I[],
  together: (items: readonly I[]) => Promise<readonly O[]>,
  alone: (item: I) => Promise<O>,
): Promise<Settled<O>[]> {
  try {
    return (await together(items)).map((value) => ({ ok: true, value }));
  } catch (error) {
    if (items.length === 1) return [{ ok: false, error }];
    return Promise.all(
      items.map((item) =>
        alone(item).then(
          (value): Settled<O> => ({ ok: true, value }),
          (e: unknown): Settled<O> => ({ ok: false, error: e }),
        ),
      ),
    );
  }
}
