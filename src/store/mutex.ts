/**
 * A FIFO mutex: PGlite has one connection, so transactions and ad-hoc statements must not
 * interleave. Each call waits for the previous one to settle (success or failure).
 */
export function createMutex(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
