import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Store } from '../store/database.js';
import type { JobServices } from './services.js';

/** What a handler gets beside its payload. */
export type JobDeps = {
  readonly store: Store;
  readonly logger: Logger;
  /** The worker's clock (tests pin it). */
  readonly now: () => Date;
  readonly job: {
    readonly id: string;
    readonly name: string;
    readonly attempt: number;
    readonly maxAttempts: number;
  };
  /** Outside systems the worker was started with (mailer, DNS resolver, ...). */
  readonly services: JobServices;
};

export type Backoff = {
  /** Delay before the second attempt; doubled for each later one. */
  readonly baseMs: number;
  /** No delay is longer than this. */
  readonly maxMs: number;
};

/**
 * One job kind, defined in its own file. `version` is the payload version this handler reads;
 * queued rows of a newer version are left for a worker that knows them (rolling deploys).
 */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  readonly name: string;
  readonly version: number;
  readonly payloadSchema: S;
  handler(payload: z.output<S>, deps: JobDeps): Promise<void>;
  /** Attempts before the job is dead-lettered (default 8). */
  readonly maxAttempts?: number | undefined;
  /** Retry delays (default 2 s doubling to 1 h). */
  readonly backoff?: Backoff | undefined;
};

/** Typed helper: the handler's payload type is inferred from the schema. */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** The handlers a worker runs, by name. */
export type JobRegistry = ReadonlyMap<string, JobDefinition>;

/** Builds a registry, refusing two definitions with one name (a silent override would drop jobs). */
export function createJobRegistry(definitions: readonly JobDefinition[]): JobRegistry {
  const registry = new Map<string, JobDefinition>();
  for (const definition of definitions) {
    if (registry.has(definition.name)) throw new Error(`job ${definition.name} is defined twice`);
    if (!Number.isInteger(definition.version) || definition.version < 1) {
      throw new Error(
        `job ${definition.name}: version must be a positive integer, got ${definition.version}`,
      );
    }
    registry.set(definition.name, definition as JobDefinition);
  }
  return registry;
}

/**
 * A handler throws this when retrying cannot help (the record it needs is gone, the payload
 * makes no sense): the job is dead-lettered at once instead of using up its attempts.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 60 * 60_000 };

/** Delay after failed attempt number `attempt` (1-based): base, 2*base, 4*base, ... capped. */
export function retryDelayMs(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(exponent, 30));
}
