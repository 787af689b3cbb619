import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { exportConsents, importConsents } from '../../src/services/consents/import-export-consents.js';
import { listConsents, listPerformers } from '../../src/services/consents/list-consents.js';
import { exportTools, importTools } from '../../src/services/tools/import-export-tools.js';
import { listTools } from '../../src/services/tools/list-tools.js';
import { auditEvents } from '../../src/store/schema.js';
import { toolRecord } from '../helpers/registry.js';
import { testWorld } from '../helpers/test-world.js';

const given = testWorld();

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const HEADER =
  'name,vendor,storesInputs,retentionDays,trainsOnInputs,enterpriseAgreement,sso,deployment,regions,modalities,outputsC2pa,status,statusReason,conditions,lastReviewedOn';

describe('tool registry import and export', () => {
  it('refuses a CSV with one bad row, naming row, column and reason, and writes none of it', async () => {
    const csv = [
      HEADER,
      'Good Tool,Vendor A,false,,false,true,true,saas,eu-west;us-east,image;video,true,approved,,,2026-05-02',
      'Bad Tool,Vendor B,false,,false,true,true,moon_base,,image,true,approved,,,2026-05-02',
      'Blocked Tool,Vendor C,true,30,true,false,false,saas,,text,false,blocked,,,2026-02-30',
    ].join('\n');
    const error = await refusal(
      importTools({ ctx: given.world.ctx('studioAdmin'), input: { format: 'csv', body: csv } }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    const issues = error.details['issues'] as { row: number; column: string; message: string }[];
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'deployment'],
      [3, 'lastReviewedOn'],
      [3, 'statusReason'],
    ]);
    expect(error.message).toMatch(/^Nothing was imported: 3 problem\(s\).*row 2, deployment/);
    expect(await listTools({ ctx: given.world.ctx('studioAdmin') })).toEqual([]);
  });

  it('refuses an unknown column and a name given twice', async () => {
    const unknown = await refusal(
      importTools({
        ctx: given.world.ctx('studioAdmin'),
        input: { format: 'csv', body: `${HEADER},colour\n` },
      }),
    );
    expect(unknown.details['issues']).toMatchObject([{ row: 0, column: 'colour' }]);
    const twice = await refusal(
      importTools({
        ctx: given.world.ctx('studioAdmin'),
        input: {
          format: 'json',
          body: { items: [toolRecord({ name: 'Same' }), toolRecord({ name: 'SAME ' })] },
        },
      }),
    );
    expect(twice.details['issues']).toEqual([
      { row: 2, column: 'name', value: 'SAME', message: 'the same tool as row 1' },
    ]);
  });

  it('imports CSV, exports it with formulas escaped, and round-trips JSON', async () => {
    const csv = [
      HEADER,
      'Good Tool,Vendor A,false,,false,true,true,saas,eu-west;us-east,image;video,true,approved,,,2026-05-02',
      '"=HYPERLINK(""http://x"")",Vendor B,true,30,false,true,false,local,,text,false,approved_with_conditions,,no scripts,2026-05-03',
    ].join('\n');
    const result = await importTools({
      ctx: given.world.ctx('studioAdmin'),
      input: { format: 'csv', body: csv },
    });
    expect(result).toEqual({ created: 2, updated: 0, reopened: 0 });
    const exported = await exportTools({ ctx: given.world.ctx('auditor'), input: { format: 'csv' } });
    expect(exported.split('\n')[0]).toBe(HEADER);
    expect(exported).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(exported).toContain(
      'Good Tool,Vendor A,false,,false,true,true,saas,eu-west;us-east,image;video,true,approved,,,2026-05-02',
    );

    const json = JSON.parse(
      await exportTools({ ctx: given.world.ctx('studioAdmin'), input: { format: 'json' } }),
    );
    const again = await importTools({
      ctx: given.world.ctx('studioAdmin'),
      input: { format: 'json', body: json },
    });
    expect(again).toEqual({ created: 0, updated: 2, reopened: 0 });
    const ledger = await given.db.store.transaction((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.orgId, given.world.studioId)),
    );
    expect(ledger.filter((e) => e.type === 'registry.imported').map((e) => e.data)).toEqual([
      { registry: 'tools', created: 2, updated: 0 },
      { registry: 'tools', created: 0, updated: 2 },
    ]);
  });

  it('refuses imports and exports to roles without the permission', async () => {
    for (const who of ['partner', 'contact', 'legal'] as const) {
      expect(
        (
          await refusal(
            importTools({ ctx: given.world.ctx(who), input: { format: 'json', body: { items: [] } } }),
          )
        ).code,
      ).toBe('FORBIDDEN');
    }
    expect(
      (await refusal(exportTools({ ctx: given.world.ctx('partner'), input: { format: 'csv' } }))).code,
    ).toBe('FORBIDDEN');
  });
});

describe('consent registry import and export', () => {
  const header =
    'performer,union,deceased,authorisingBody,productionId,use,description,unionCovered,validFrom,validTo,estateAuthorisation';

  it('refuses the whole file when one row names a production outside the studio', async () => {
    const csv = [
      header,
      `Lead Actor,SAG-AFTRA,false,,${given.world.productionId},alteration,De-ageing in the flashback of episode 3.,true,2026-01-01,,`,
      `Guest Star,,false,,no-such-production,voice_replica,Voice replica for ADR lines in episode 5.,false,2026-01-01,2026-12-31,`,
    ].join('\n');
    const error = await refusal(
      importConsents({ ctx: given.world.ctx('legal'), input: { format: 'csv', body: csv } }),
    );
    expect(error.details['issues']).toMatchObject([
      { row: 2, column: 'productionId', value: 'no-such-production' },
    ]);
    expect(await listPerformers({ ctx: given.world.ctx('legal') })).toEqual([]);
    expect(await listConsents({ ctx: given.world.ctx('legal') })).toEqual([]);
  });

  it('names a bad use and a short description by row', async () => {
    const csv = [
      header,
      `Lead Actor,,false,,${given.world.productionId},hologram,too short,true,2026-01-01,,`,
    ].join('\n');
    const error = await refusal(
      importConsents({ ctx: given.world.ctx('legal'), input: { format: 'csv', body: csv } }),
    );
    expect(
      (error.details['issues'] as { row: number; column: string }[]).map((i) => [i.row, i.column]),
    ).toEqual([
      [1, 'use'],
      [1, 'description'],
    ]);
  });

  it('imports consents with their performers and exports them back', async () => {
    const csv = [
      header,
      `Lead Actor,SAG-AFTRA,false,,${given.world.productionId},alteration,De-ageing in the flashback of episode 3.,true,2026-01-01,,`,
      `lead actor,SAG-AFTRA,false,,${given.world.productionId},voice_replica,Voice replica for ADR lines in episode 5.,true,2026-01-01,2026-12-31,`,
    ].join('\n');
    expect(
      await importConsents({ ctx: given.world.ctx('legal'), input: { format: 'csv', body: csv } }),
    ).toEqual({
      created: 2,
      updated: 0,
      reopened: 0,
    });
    expect(await listPerformers({ ctx: given.world.ctx('legal') })).toHaveLength(1);
    const json = JSON.parse(
      await exportConsents({ ctx: given.world.ctx('auditor'), input: { format: 'json' } }),
    );
    expect(json.items).toHaveLength(2);
    expect(json.items[0]).toMatchObject({ performer: 'Lead Actor', use: 'alteration', status: 'active' });
    const exported = await exportConsents({ ctx: given.world.ctx('legal'), input: { format: 'csv' } });
    expect(exported.split('\n')[0]).toBe(`${header},status`);
    expect(
      (await refusal(exportConsents({ ctx: given.world.ctx('contact'), input: { format: 'csv' } }))).code,
    ).toBe('FORBIDDEN');
  });
});
