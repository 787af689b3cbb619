import { sql } from 'drizzle-orm';
import type { Store } from '../../src/store/database.js';

/**
 * A per-database tally of committed writes, for tests that must prove a request wrote nothing.
 *
 * Installs, in a test database only, a row-level AFTER trigger on every table of the public
 * schema that counts each inserted, updated and deleted row (and each TRUNCATE) into
 * `test_write_tally (tbl, op, n)`, inside the writing transaction: a rolled-back write leaves no
 * trace, a committed one always does. Reading the tally is one small query, so a test can
 * check it after every request instead of counting every table around each one, and unlike
 * row counts it also sees updates and a delete paired with an insert. The tally is local to
 * its database, so other test files running at the same time on the same PostgreSQL do not
 * disturb it (a transaction-id watermark would: ids are shared by the whole cluster).
 */
export type Tally = ReadonlyMap<string, number>;

export type WriteTally = {
  /** Current totals, keyed `table.OPERATION` (`users.UPDATE`). */
  read(): Promise<Tally>;
  /** Row counts of every tallied table, for the end-of-run cross-check. */
  rowCounts(): Promise<ReadonlyMap<string, number>>;
};

const TALLY_TABLE = 'test_write_tally';

export async function installWriteTally(store: Store): Promise<WriteTally> {
  const tables = await tallyTables(store);
  const triggers = tables
    .map(
      (t) =>
        `create trigger test_tally_rows after insert or update or delete on "${t}" for each row execute function test_tally_write();\n` +
        `create trigger test_tally_truncate after truncate on "${t}" for each statement execute function test_tally_write();`,
    )
    .join('\n');
  await store.exec(`
    create table ${TALLY_TABLE} (tbl text not null, op text not null, n bigint not null, primary key (tbl, op));
    create function test_tally_write() returns trigger language plpgsql as $$
    begin
      insert into ${TALLY_TABLE} values (TG_TABLE_NAME, TG_OP, 1)
        on conflict (tbl, op) do update set n = ${TALLY_TABLE}.n + 1;
      return null;
    end $$;
    ${triggers}
  `);
  const countQuery = sql.raw(
    `select ${tables.map((t) => `(select count(*) from "${t}")::int as "${t}"`).join(', ')}`,
  );
  return {
    read: async () => {
      const result = await store.read((db) => db.execute(sql.raw(`select tbl, op, n from ${TALLY_TABLE}`)));
      return new Map(
        rowsOf<{ tbl: string; op: string; n: string | number }>(result).map((r) => [
          `${r.tbl}.${r.op}`,
          Number(r.n),
        ]),
      );
    },
    rowCounts: async () => {
      const [row] = rowsOf<Record<string, number>>(await store.read((db) => db.execute(countQuery)));
      return new Map(Object.entries(row ?? {}).map(([t, n]) => [t, Number(n)]));
    },
  };
}

/** What moved between two readings: `table.OPERATION` to the number of rows, only where non-zero. */
export function tallyChanges(before: Tally, after: Tally): Map<string, number> {
  const changes = new Map<string, number>();
  for (const [key, n] of after) {
    const delta = n - (before.get(key) ?? 0);
    if (delta !== 0) changes.set(key, delta);
  }
  return changes;
}

/**
 * Checks the tally against the tables themselves over a whole run: for every table, the rows
 * it gained must equal the inserts minus the deletes the tally saw. A write the triggers
 * missed would show here. Returns one line per table that disagrees.
 */
export function crossCheck(
  countsBefore: ReadonlyMap<string, number>,
  countsAfter: ReadonlyMap<string, number>,
  changes: ReadonlyMap<string, number>,
): string[] {
  const problems: string[] = [];
  for (const [table, after] of countsAfter) {
    const gained = after - (countsBefore.get(table) ?? 0);
    const tallied = (changes.get(`${table}.INSERT`) ?? 0) - (changes.get(`${table}.DELETE`) ?? 0);
    if (changes.has(`${table}.TRUNCATE`) || gained !== tallied)
      problems.push(`${table}: rows changed by ${gained}, tally says ${tallied}`);
  }
  return problems;
}

async function tallyTables(store: Store): Promise<string[]> {
  const result = await store.read((db) =>
    db.execute(
      sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    ),
  );
  return rowsOf<{ relname: string }>(result)
    .map((r) => r.relname)
    .filter((t) => t !== TALLY_TABLE);
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
