import { AppError } from '../../domain/errors.js';

/**
 * Session lifetimes, read from the environment at each use so an operator can tune them:
 * SESSION_IDLE_MINUTES (default 30) ends a session nobody has used for that long;
 * SESSION_ABSOLUTE_HOURS (default 12) ends every session that long after sign-in, used or not.
 */
export type SessionPolicy = { readonly idleMs: number; readonly absoluteMs: number };

const DEFAULT_IDLE_MINUTES = 30;
const DEFAULT_ABSOLUTE_HOURS = 12;

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new AppError(
      'INVALID_INPUT',
      `${name}=${raw} is not a positive number of ${name.endsWith('MINUTES') ? 'minutes' : 'hours'}.`,
      {
        key: name,
        value: raw,
      },
    );
  }
  return value;
}

export function sessionPolicy(): SessionPolicy {
  return {
    idleMs: positiveNumber('SESSION_IDLE_MINUTES', DEFAULT_IDLE_MINUTES) * 60_000,
    absoluteMs: positiveNumber('SESSION_ABSOLUTE_HOURS', DEFAULT_ABSOLUTE_HOURS) * 3_600_000,
  };
}

/** Refreshing last_seen_at on every request would write on every read; once a minute is enough. */
export const LAST_SEEN_GRANULARITY_MS = 60_000;
