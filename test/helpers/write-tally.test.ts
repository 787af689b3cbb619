import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from './test-store.js';
import { crossCheck, installWriteTally, tallyChanges, type WriteTally } from './write-tally.js';

let db: TestStore;
let tally: WriteTally;

beforeAll(async () => {
  db = await openTestStore();
  tally = await installWriteTally(db.store);
});
afterAll(async () => {
  await db?.dispose();
});

const insertOrg = (id: string) =>
  sql`insert into organisations (id, kind, name) values (${id}, 'partner', ${`Org ${id}`})`;

describe('the write tally the fuzz test relies on', () => {
  it('sees committed inserts, updates and deletes, row by row, and nothing for reads', async () => {
    const before = await tally.read();
    const countsBefore = await tally.rowCounts();
    await db.store.read((d) => d.execute(sql`select count(*) from organisations`));
    expect(tallyChanges(before, await tally.read())).toEqual(new Map());

    await db.store.transaction(async (tx) => {
      await tx.execute(insertOrg('tally-a'));
      await tx.execute(insertOrg('tally-b'));
    });
    await db.store.transaction((tx) =>
      tx.execute(sql`update organisations set name = 'Renamed' where id = 'tally-a'`),
    );
    await db.store.transaction((tx) => tx.execute(sql`delete from organisations where id = 'tally-b'`));
    const changes = tallyChanges(before, await tally.read());
    expect(changes).toEqual(
      new Map([
        ['organisations.INSERT', 2],
        ['organisations.UPDATE', 1],
        ['organisations.DELETE', 1],
      ]),
    );
    expect(crossCheck(countsBefore, await tally.rowCounts(), changes)).toEqual([]);
  });

  it('leaves no trace of a rolled-back write', async () => {
    const before = await tally.read();
    await expect(
      db.store.transaction(async (tx) => {
        await tx.execute(insertOrg('tally-rolled-back'));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(tallyChanges(before, await tally.read())).toEqual(new Map());
  });

  it('cross-check reports a table whose rows moved without the tally seeing it', () => {
    const problems = crossCheck(
      new Map([['users', 3]]),
      new Map([['users', 4]]),
      new Map([['users.UPDATE', 1]]),
    );
    expect(problems).toEqual(['users: rows changed by 1, tally says 0']);
  });
});
