import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { ScanReport } from '../../src/provenance/scan/report-types.js';
import { getDeliveryRegister } from '../../src/services/assets/delivery-register.js';
import { linkAsset } from '../../src/services/assets/link-asset.js';
import { listAssets } from '../../src/services/assets/read-assets.js';
import { registerAssets } from '../../src/services/assets/register-assets.js';
import { decideDisclosure } from '../../src/services/disclosures/decide-disclosure.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { getScan, listScans } from '../../src/services/scans/read-scans.js';
import { reconcileScan } from '../../src/services/scans/reconcile-scan.js';
import { submitScan } from '../../src/services/scans/submit-scan.js';
import { auditEvents } from '../../src/store/schema.js';
import { jobs } from '../../src/store/schema-jobs.js';
import { assets } from '../../src/store/schema-provenance.js';
import { finalShot } from '../helpers/disclosures.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World } from '../helpers/world.js';

let db: TestStore;
let world: World;
let approvedId: string;

const hash = (n: number) => n.toString(16).padStart(64, 'a');

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store);
  const submitted = await submitDisclosure({
    ctx: world.ctx('partner'),
    input: { productionId: world.productionId, disclosure: finalShot() },
  });
  approvedId = submitted.result.id;
  await decideDisclosure({
    ctx: world.ctx('legal'),
    input: { disclosureId: approvedId, decision: 'approve', expiresAt: '2099-01-01T00:00:00Z' },
  });
});
afterAll(async () => {
  await db?.dispose();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function ledger(orgId: string, type: string): Promise<Record<string, unknown>[]> {
  const rows = await db.store.transaction((tx) =>
    tx.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)),
  );
  return rows.filter((r) => r.type === type).map((r) => r.data as Record<string, unknown>);
}

const register = (who: Parameters<World['ctx']>[0], n: number, extra: Record<string, unknown> = {}) =>
  registerAssets({
    ctx: world.ctx(who),
    input: {
      productionId: world.productionId,
      assets: [{ sha256: hash(n), fileName: `shot-${n}.exr`, usage: 'final', ...extra }],
    },
  });

function scanOf(sha256s: string[]): ScanReport {
  return {
    items: sha256s.map((sha256, i) => ({
      path: `/deliverable/${i}.png`,
      sha256,
      bytes: 1,
      mediaType: 'image/png',
      class: 'ai-generated',
      manifest: {
        present: true,
        validation: 'trusted',
        activeManifest: null,
        claimGenerator: null,
        signer: null,
        validationState: 'Trusted',
        failureCodes: [],
        manifests: [],
      },
      digitalSourceTypes: [],
      evidence: [],
      xmp: null,
      timelineReferences: [],
      findings: [],
    })),
    summary: {
      items: sha256s.length,
      byClass: { 'ai-generated': sha256s.length, 'ai-composite': 0, 'no-ai-signal': 0, unknown: 0 },
      byValidation: { trusted: sha256s.length, untrusted: 0, invalid: 0, none: 0 },
      findings: { blocker: 0, warning: 0, info: 0 },
      reportFindings: [],
      incomplete: false,
      skippedNonMedia: 0,
      trustAnchors: [],
      timeline: null,
      bytes: 0,
      seconds: 0,
    },
  };
}

describe('registering assets', () => {
  it('registers a partner asset with its C2PA summary, linked to a disclosure, and records it in the ledger', async () => {
    const [asset] = await register('partner', 1, {
      disclosureId: approvedId,
      mediaType: 'image/x-exr',
      digitalSourceTypes: ['http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'],
      c2pa: {
        activeManifest: 'urn:c2pa:1',
        claimGenerator: 'Firefly',
        signer: 'Adobe',
        validation: 'trusted',
        validationState: 'Trusted',
        actions: [{ action: 'c2pa.created', digitalSourceType: 'trainedAlgorithmicMedia' }],
        ingredients: [],
      },
    });
    expect(asset).toMatchObject({ sha256: hash(1), disclosureId: approvedId, usage: 'final' });
    expect(asset?.c2pa?.claimGenerator).toBe('Firefly');
    expect(await ledger(world.partnerId, 'asset.registered')).toContainEqual(
      expect.objectContaining({ assetId: asset?.id, sha256: hash(1), disclosureId: approvedId }),
    );
  });

  it('refuses a studio reviewer: only partners register', async () => {
    expect((await rejection(register('legal', 2))).code).toBe('FORBIDDEN');
  });

  it('refuses a hash already registered on the production, writing nothing of the batch', async () => {
    const error = await rejection(
      registerAssets({
        ctx: world.ctx('partner'),
        input: {
          productionId: world.productionId,
          assets: [
            { sha256: hash(3), fileName: 'new.exr', usage: 'final' },
            { sha256: hash(1), fileName: 'again.exr', usage: 'final' },
          ],
        },
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(hash(1));
    const rows = await db.store.transaction((tx) =>
      tx
        .select()
        .from(assets)
        .where(eq(assets.sha256, hash(3))),
    );
    expect(rows).toEqual([]);
  });

  it('refuses a malformed hash, naming the field', async () => {
    const error = await rejection(register('partner', 4, { sha256: 'abc' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('assets[0].sha256');
  });

  it('does not let another partner register on a production it cannot see', async () => {
    expect((await rejection(register('otherPartner', 5))).code).toBe('NOT_FOUND');
  });

  it('lets delivery QC read the register, and hides it from another partner', async () => {
    const seen = await listAssets({ ctx: world.ctx('qc'), input: { productionId: world.productionId } });
    expect(seen.map((a) => a.sha256)).toContain(hash(1));
    const error = await rejection(
      listAssets({ ctx: world.ctx('otherPartner'), input: { productionId: world.productionId } }),
    );
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('linking an asset to a disclosure', () => {
  it('links, records the previous link in the ledger, and refuses roles without asset.link', async () => {
    const [asset] = await register('partner', 6);
    expect(
      (
        await rejection(
          linkAsset({ ctx: world.ctx('qc'), input: { assetId: asset!.id, disclosureId: approvedId } }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const linked = await linkAsset({
      ctx: world.ctx('partner'),
      input: { assetId: asset!.id, disclosureId: approvedId },
    });
    expect(linked.disclosureId).toBe(approvedId);
    expect(await ledger(world.partnerId, 'asset.linked')).toContainEqual(
      expect.objectContaining({ assetId: asset!.id, disclosureId: approvedId, previousDisclosureId: null }),
    );
  });

  it('refuses a disclosure of a production the asset does not belong to', async () => {
    const other = await submitDisclosure({
      ctx: world.ctx('otherPartner'),
      input: { productionId: world.otherProductionId, disclosure: finalShot() },
    });
    const [asset] = await register('partner', 7);
    const error = await rejection(
      linkAsset({ ctx: world.ctx('partner'), input: { assetId: asset!.id, disclosureId: other.result.id } }),
    );
    // The partner cannot even see the other production's disclosure.
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('the delivery register and scans', () => {
  it('gives the gate the assets and each disclosure with its approval in force', async () => {
    const view = await getDeliveryRegister({
      ctx: world.ctx('qc'),
      input: { productionId: world.productionId },
    });
    const disclosure = view.disclosures.find((d) => d.id === approvedId);
    expect(disclosure?.approval).toMatchObject({ status: 'active', revision: 1 });
    expect(view.assets.find((a) => a.sha256 === hash(1))?.disclosureId).toBe(approvedId);
  });

  it('stores a submitted scan, reconciles it as a job, and keeps the reconciled report and ledger events', async () => {
    const queued = await submitScan({
      ctx: world.ctx('qc'),
      input: { productionId: world.productionId, report: scanOf([hash(1), hash(99)]) },
    });
    expect(queued.status).toBe('queued');
    const queuedJobs = await db.store.transaction((tx) =>
      tx
        .select()
        .from(jobs)
        .where(eq(jobs.key, `scan:${queued.id}`)),
    );
    expect(queuedJobs.map((j) => [j.name, j.payload])).toEqual([['scan.reconcile', { scanId: queued.id }]]);
    // The background run may already have finished; a second run is a no-op either way.
    await reconcileScan({ store: db.store, scanId: queued.id });
    expect(await reconcileScan({ store: db.store, scanId: queued.id })).toBe('skipped');
    const detail = await getScan({ ctx: world.ctx('partner'), input: { scanId: queued.id } });
    expect(detail.status).toBe('done');
    expect(detail.report?.items.map((i) => i.gate?.status)).toEqual(['cleared', 'not-cleared']);
    expect(detail.report?.summary.findings.blocker).toBe(1);
    const list = await listScans({ ctx: world.ctx('auditor'), input: { productionId: world.productionId } });
    expect(list.map((s) => s.id)).toContain(queued.id);
    expect(await ledger(world.studioId, 'scan.submitted')).toContainEqual(
      expect.objectContaining({ scanId: queued.id, items: 2 }),
    );
    expect(await ledger(world.studioId, 'scan.reconciled')).toContainEqual(
      expect.objectContaining({ scanId: queued.id, blockers: 1 }),
    );
  });

  it('refuses a scan from a role without scan.submit and hides scans from another partner', async () => {
    const error = await rejection(
      submitScan({
        ctx: world.ctx('legal'),
        input: { productionId: world.productionId, report: scanOf([]) },
      }),
    );
    expect(error.code).toBe('FORBIDDEN');
    const queued = await submitScan({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, report: scanOf([]) },
    });
    expect(
      (await rejection(getScan({ ctx: world.ctx('otherPartner'), input: { scanId: queued.id } }))).code,
    ).toBe('NOT_FOUND');
  });
});
