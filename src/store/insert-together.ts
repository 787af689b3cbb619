import { type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from './database.js';

/**
 * Runs several INSERTs (drizzle insert builders, not yet awaited) as ONE statement, the
 * first ones as data-modifying CTEs: one round trip instead of one per table, on the hot
 * paths where a change writes a row in each of several tables. PostgreSQL runs every
 * sub-statement exactly once and checks foreign keys at the end of the statement, so a
 * child row may be written next to its parent.
 */
export async function insertTogether(
  tx: Executor,
  /** `undefined` entries (nothing to insert) are left out. */
  maybeInserts: readonly (SQLWrapper | undefined)[],
): Promise<void> {
  // getSQL(): embedded as a builder, drizzle would wrap each statement in parentheses.
  const inserts = maybeInserts.flatMap((insert) => (insert === undefined ? [] : [insert.getSQL()]));
  const last = inserts.at(-1);
  if (last === undefined) return;
  const ctes = inserts.slice(0, -1).map((insert, i) => sql`${sql.identifier(`insert_${i}`)} as (${insert})`);
  await tx.execute(ctes.length === 0 ? last : sql`with ${sql.join(ctes, sql`, `)} ${last}`);
}
