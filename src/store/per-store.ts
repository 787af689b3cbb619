import type { Store } from './database.js';

/**
 * One `T` per open store, made on first use and gone with the store: for the batchers that
 * gather concurrent requests' reads and writes (their batches must not mix two databases).
 */
export function perStore<T>(create: (store: Store) => T): (store: Store) => T {
  const made = new WeakMap<Store, T>();
  return (store) => {
    let value = made.get(store);
    if (value === undefined) {
      value = create(store);
      made.set(store, value);
    }
    return value;
  };
}
