/**
 * Runs tasks one at a time. The C2PA reader goes through one of these: WASM memory grows to the
 * largest asset it has held and never shrinks, so two large assets at once would double the peak.
 */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
