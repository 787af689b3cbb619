/**
 * A FIFO mutex: PGlite has one connection, so transactions and ad-hoc statements must not
 * interleave. Each call waits for the previous one to settle (success or failure).
 *
 * Each holder starts on a fresh turn of the event loop. PGlite runs its queries on this
 * thread and settles them through promises alone, so holders run back to back would keep the
 * loop from polling its sockets for as long as work is queued: under load, new connections
 * then waited seconds to be accepted while the open ones were served.
 */
export function createMutex(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const start = () => nextTurn().then(fn);
    const run = tail.then(start, start);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Settles after the event loop has polled for I/O once more. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
