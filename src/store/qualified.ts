import { type Column, getTableName, type SQL, sql } from 'drizzle-orm';

/**
 * A column written with its table name, for correlated subqueries in raw `sql`: in a
 * query over one table drizzle leaves column names unqualified, so `${outer.col}` inside a
 * subquery would silently bind to the subquery's own table when names clash.
 */
export function qualified(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
