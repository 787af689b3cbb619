import { type Column, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * An INSERT of many rows that travel as ONE bind parameter, a JSON array that PostgreSQL
 * unpacks with `json_populate_recordset`. Built this way, a batch of a hundred rows costs one
 * JSON.stringify instead of thousands of bind parameters, each of which the query builder
 * types and wraps one by one (that was a quarter of the server's CPU on the submit path).
 *
 * Every row must set the same columns: a column left out is filled by its default, so a
 * row that left out a column another row sets would get NULL instead, silently.
 */
export function insertAsJson<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  const columns = getTableColumns(table) as Record<string, Column>;
  const [first] = rows;
  if (first === undefined) throw new Error('insertAsJson needs at least one row');
  const keys = setKeys(first);
  const targets = keys.map((key) => {
    const column = columns[key];
    if (column === undefined) throw new Error(`insertAsJson: ${key} is not a column of this table`);
    return column;
  });
  const columnSet = keys.join();
  const data = rows.map((row) => {
    const rowSet = setKeys(row).join();
    if (rowSet !== columnSet) {
      throw new Error(`insertAsJson: rows set different columns (${rowSet} vs ${columnSet})`);
    }
    const record: Record<string, unknown> = {};
    targets.forEach((column, i) => {
      const value = (row as Record<string, unknown>)[keys[i] as string];
      // JSON columns go in as JSON, not as a string of it; dates as ISO text; the rest as they are.
      record[column.name] =
        value === null || column.dataType === 'json' ? value : column.mapToDriverValue(value);
    });
    return record;
  });
  const list = sql.join(
    targets.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  return sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${JSON.stringify(data)}::json)`;
}

function setKeys(row: object): string[] {
  return Object.keys(row).filter((key) => (row as Record<string, unknown>)[key] !== undefined);
}
