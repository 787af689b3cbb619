import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { importDisclosures } from '../../src/services/imports/import-disclosures.js';
import { auditEvents, disclosures } from '../../src/store/schema.js';
import { consumerChatbot, finalShot, moodboard } from '../helpers/disclosures.js';
import { testWorld } from '../helpers/test-world.js';

const given = testWorld();

const count = () =>
  given.db.store.read(
    async (tx) =>
      (await tx.select().from(disclosures).where(eq(disclosures.productionId, given.world.productionId)))
        .length,
  );

/** Documents without schema and production: the import fills them in. */
const bare = (doc: Record<string, unknown>) => {
  const { schema: _s, production: _p, ...rest } = doc;
  return rest;
};

const CSV_HEADER =
  'description,phase,media,tools,inputs,principles.noInfringement,principles.noDataRetention,principles.enterpriseSecured,principles.temporaryOnly,principles.noTalentReplacement,output.final,output.element,realism.couldMislead,realism.asEvidence,realism.fabricatedStatement';

describe('bulk import of disclosures', () => {
  it('shows the verdict of each YAML row on a dry run and writes nothing', async () => {
    const before = await count();
    const content = stringify([bare(moodboard()), bare(consumerChatbot()), bare(finalShot())]);
    const result = await importDisclosures({
      ctx: given.world.ctx('partner'),
      input: { productionId: given.world.productionId, format: 'yaml', content, dryRun: true },
    });
    expect(result.dryRun).toBe(true);
    expect(result.rows.map((r) => [r.row, r.outcome])).toEqual([
      [1, 'notify'],
      [2, 'escalate'],
      [3, 'approval'],
    ]);
    expect(result.rows[2]?.rules.length).toBeGreaterThan(0);
    expect(await count()).toBe(before);
  });

  it('refuses a CSV with bad rows naming row, column and reason, and writes nothing', async () => {
    const before = await count();
    const content = [
      CSV_HEADER,
      'Moodboard images,development,image,Studio Image Enterprise|yes|no,text_prompt,yes,yes,yes,yes,yes,no,none,no,no,no',
      'Bad media,development,hologram,Studio Image Enterprise|yes|no,text_prompt,yes,yes,yes,yes,yes,no,none,no,no,no',
      ',development,image,Studio Image Enterprise|maybe|no,text_prompt,yes,yes,yes,yes,yes,no,none,no,no,no',
    ].join('\n');
    const refused = await importDisclosures({
      ctx: given.world.ctx('partner'),
      input: { productionId: given.world.productionId, format: 'csv', content },
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'INVALID_INPUT' });
    const rows = (refused as { details: { rows: { row: number; column: string; reason: string }[] } }).details
      .rows;
    expect(rows.some((p) => p.row === 3 && p.column === 'media')).toBe(true);
    expect(rows.some((p) => p.row === 4 && p.column === 'description')).toBe(true);
    expect(rows.some((p) => p.row === 4 && p.column === 'tools')).toBe(true);
    expect(rows.every((p) => p.reason.length > 0)).toBe(true);
    expect((refused as Error).message).toMatch(/^The import was refused and nothing was written/);
    expect(await count()).toBe(before);
  });

  it('imports a CSV through the submit path, once even when the same file is sent again, and records it', async () => {
    const before = await count();
    const content = [
      CSV_HEADER,
      'Moodboard images of harbours,development,image,Studio Image Enterprise|yes|no,text_prompt,yes,yes,yes,yes,yes,no,none,no,no,no',
      "'=Storyboard frames,development,image;video,Studio Image Enterprise|yes|no,text_prompt,yes,yes,yes,yes,yes,no,none,no,no,no",
    ].join('\n');
    const input = { productionId: given.world.productionId, format: 'csv' as const, content };
    const first = await importDisclosures({ ctx: given.world.ctx('partner'), input });
    expect(first.rows.map((r) => [r.row, r.outcome, r.state])).toEqual([
      [2, 'notify', 'acknowledged'],
      [3, 'notify', 'acknowledged'],
    ]);
    // A spreadsheet's formula guard (a leading quote) is taken off again.
    expect(first.rows[1]?.description).toBe('=Storyboard frames');
    const again = await importDisclosures({ ctx: given.world.ctx('partner'), input });
    expect(again.rows.map((r) => r.disclosureId)).toEqual(first.rows.map((r) => r.disclosureId));
    expect(await count()).toBe(before + 2);
    await given.db.store.sealLedger();
    const events = await given.db.store.read((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.type, 'disclosures.imported')),
    );
    expect(events.some((e) => (e.data as { count: number }).count === 2)).toBe(true);
  });

  it('refuses the studio contact, and a partner importing into another partner’s production', async () => {
    const content = stringify([bare(moodboard())]);
    await expect(
      importDisclosures({
        ctx: given.world.ctx('contact'),
        input: { productionId: given.world.productionId, format: 'yaml', content },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      importDisclosures({
        ctx: given.world.ctx('otherPartner'),
        input: { productionId: given.world.productionId, format: 'yaml', content },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a YAML file that is not a list, naming the file', async () => {
    await expect(
      importDisclosures({
        ctx: given.world.ctx('partner'),
        input: { productionId: given.world.productionId, format: 'yaml', content: 'description: one thing' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { rows: [{ row: 0, column: '(file)' }] } });
  });
});
