import { eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Executor, Store } from '../../store/database.js';
import { signInFailures } from '../../store/schema.js';

/**
 * Sign-in throttling per account (the email as typed, whether or not it exists, so a lockout
 * does not reveal which accounts exist) and per client address. The first few failures are
 * free; each further one doubles the lock, capped. Counters live in the database so that
 * several servers share them.
 */
type ThrottleRule = {
  readonly freeFailures: number;
  readonly baseLockMs: number;
  readonly maxLockMs: number;
};

export const THROTTLE: Readonly<Record<'account' | 'address', ThrottleRule>> = {
  account: { freeFailures: 5, baseLockMs: 1_000, maxLockMs: 15 * 60_000 },
  address: { freeFailures: 20, baseLockMs: 1_000, maxLockMs: 15 * 60_000 },
};

export type ThrottleKeys = { readonly account: string; readonly address: string | undefined };

export function throttleKeys(email: string, address: string | undefined): ThrottleKeys {
  return {
    account: `account:${email.trim().toLowerCase()}`,
    address: address ? `address:${address}` : undefined,
  };
}

function keysOf(keys: ThrottleKeys): string[] {
  return keys.address === undefined ? [keys.account] : [keys.account, keys.address];
}

/** Refuses with RATE_LIMITED (429, Retry-After) while either key is locked. */
export async function assertNotLocked(store: Store, keys: ThrottleKeys, now: Date): Promise<void> {
  const rows = await store.read((db) =>
    db
      .select()
      .from(signInFailures)
      .where(inArray(signInFailures.key, keysOf(keys))),
  );
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  if (until > now.getTime()) {
    const retryAfterSeconds = Math.ceil((until - now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
  }
}

function lockFor(failures: number, rule: ThrottleRule): number {
  const over = failures - rule.freeFailures;
  if (over < 0) return 0;
  return Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** Math.min(over, 30));
}

async function bump(db: Executor, key: string, rule: ThrottleRule, now: Date): Promise<void> {
  const [row] = await db
    .insert(signInFailures)
    .values({ key, failures: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: { failures: sql`${signInFailures.failures} + 1`, updatedAt: now },
    })
    .returning({ failures: signInFailures.failures });
  const lockMs = lockFor(row?.failures ?? 1, rule);
  if (lockMs > 0) {
    await db
      .update(signInFailures)
      .set({ lockedUntil: new Date(now.getTime() + lockMs) })
      .where(eq(signInFailures.key, key));
  }
}

export async function recordFailure(store: Store, keys: ThrottleKeys, now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    await bump(tx, keys.account, THROTTLE.account, now);
    if (keys.address !== undefined) await bump(tx, keys.address, THROTTLE.address, now);
  });
}

/** A correct password clears the account's count (the address keeps its own). */
export async function recordSuccess(store: Store, keys: ThrottleKeys): Promise<void> {
  await store.transaction((tx) => tx.delete(signInFailures).where(eq(signInFailures.key, keys.account)));
}
