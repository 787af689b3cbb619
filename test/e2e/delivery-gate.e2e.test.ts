import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithCutC2paStore } from '../../src/provenance/testing/jpeg.js';
import { DEMO_PASSWORD } from '../../src/services/seed/seed-demo.js';
import { finalShot } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * The delivery gate end to end: a real server (migrations, demo seed), a production with an
 * approved disclosure and registered assets over HTTP, generated media and an EDL final cut on
 * disk, then `clearframe scan --production` talking to the server with an API token. Its exit
 * code and report are checked, and the scan stored on the server is read back once its
 * background reconciliation is done.
 */
let running: TestServer;
let base: string;
let dir: string;
let productionId: string;
let qcToken: string;
const isRoot = process.getuid?.() === 0;
const http = () => TestClient.over((path, init) => fetch(`${base}${path}`, init));

// Distinct bytes per file; the gate matches on content hash, not on name.
const media = (name: string) => {
  const path = join(dir, 'deliverable', name);
  writeFileSync(path, Buffer.from(`clearframe gate test media: ${name}\n`));
  return createHash('sha256').update(readFileSync(path)).digest('hex');
};

function edl(clips: string[], garbage = false): string {
  const lines = ['TITLE: GATE TEST', 'FCM: NON-DROP FRAME'];
  clips.forEach((clip, index) => {
    const n = String(index + 1).padStart(3, '0');
    lines.push(
      `${n}  AX       V     C        00:00:00:00 00:00:01:00 01:00:0${index}:00 01:00:0${index + 1}:00`,
    );
    lines.push(`* FROM CLIP NAME: ${clip}`);
    if (garbage) lines.push('%%% this is not an EDL line at all %%%');
  });
  const path = join(
    dir,
    `cut-${clips.length}-${garbage ? 'g' : 'c'}-${Math.random().toString(36).slice(2)}.edl`,
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function signIn(email: string): Promise<TestClient> {
  const client = http();
  expect((await client.signIn(email, DEMO_PASSWORD)).status).toBe(200);
  return client;
}

type Report = {
  items: {
    path: string;
    findings: { severity: string; code: string; message: string }[];
    gate?: {
      status: string;
      reason: string;
      disclosure: { id: string } | null;
      approval: { id: string } | null;
    };
  }[];
  summary: {
    findings: { blocker: number; warning: number };
    reportFindings: { severity: string; code: string; message: string }[];
    incomplete: boolean;
    gate: { scanId: string | null; notCleared: number; cleared: number; finalRule: string };
  };
};

async function gate(args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await runCli([
    'scan',
    join(dir, 'deliverable'),
    '--production',
    productionId,
    '--url',
    base,
    '--token',
    qcToken,
    '--json',
    ...args,
  ]);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

const itemNamed = (report: Report, name: string) => report.items.find((i) => i.path.endsWith(`/${name}`));

let approvedId: string;
let approvalId: string;

beforeAll(async () => {
  running = await startTestServer();
  base = running.server.url;
  dir = mkdtempSync(join(tmpdir(), 'clearframe-gate-'));
  mkdirSync(join(dir, 'deliverable'));
  const hashes = {
    covered: media('covered.mov'),
    uncovered: media('uncovered.mov'),
    temp: media('temp.mov'),
  };
  media('plate.mov');

  const partner = await signIn('partner@demo.test');
  const legal = await signIn('legal@demo.test');
  const qc = await signIn('qc@demo.test');
  productionId = (await partner.get('/api/productions')).body.items[0].id;

  const review = await partner.post(`/api/productions/${productionId}/disclosures`, {
    disclosure: finalShot(),
  });
  expect(review.body.state).toBe('in_review');
  approvedId = review.body.id;
  const approved = await legal.post(`/api/disclosures/${approvedId}/decisions`, {
    decision: 'approve',
    expiresAt: '2099-01-01T00:00:00Z',
  });
  expect(approved.status).toBe(200);
  approvalId = approved.body.approval.id;
  const pending = await partner.post(`/api/productions/${productionId}/disclosures`, {
    disclosure: finalShot(),
  });

  const registered = await partner.post(`/api/productions/${productionId}/assets`, {
    assets: [
      { sha256: hashes.covered, fileName: 'covered.mov', usage: 'final', disclosureId: approvedId },
      { sha256: hashes.uncovered, fileName: 'uncovered.mov', usage: 'final', disclosureId: pending.body.id },
      { sha256: hashes.temp, fileName: 'temp.mov', usage: 'temporary', disclosureId: approvedId },
    ],
  });
  expect(registered.status).toBe(201);
  const token = await qc.post('/api/auth/tokens', { name: 'gate e2e' });
  expect(token.status).toBe(201);
  qcToken = token.body.token;
});

afterAll(async () => {
  await running?.dispose();
  if (dir) {
    try {
      chmodSync(join(dir, 'deliverable', 'locked.mov'), 0o600);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('clearframe scan --production over HTTP', () => {
  it('passes a final cut whose AI material is all covered by an approval in force, and names the match', async () => {
    const { code, report } = await gate(['--timeline', edl(['covered.mov', 'plate.mov'])]);
    const covered = itemNamed(report, 'covered.mov');
    expect(covered?.gate).toMatchObject({
      status: 'cleared',
      disclosure: { id: approvedId },
      approval: { id: approvalId },
    });
    // plate.mov is on the cut with no provenance: a warning, not a blocker.
    expect(itemNamed(report, 'plate.mov')?.findings.map((f) => f.code)).toContain(
      'timeline.unknown-provenance',
    );
    expect(report.summary.findings.blocker).toBe(0);
    expect(report.summary.gate).toMatchObject({ finalRule: 'timeline', cleared: 1, notCleared: 0 });
    expect(code).toBe(0);
  });

  it('blocks delivery when AI material on the cut has no approval in force, and stores the same verdict', async () => {
    const { code, report } = await gate(['--timeline', edl(['covered.mov', 'uncovered.mov'])]);
    const uncovered = itemNamed(report, 'uncovered.mov');
    expect(uncovered?.gate?.status).toBe('not-cleared');
    expect(uncovered?.gate?.reason).toMatch(/holds no written approval/);
    const blocker = uncovered?.findings.find((f) => f.code === 'gate.ai-not-cleared');
    expect(blocker?.severity).toBe('blocker');
    expect(blocker?.message).toContain('timeline event 002');
    expect(code).toBe(1);

    const scanId = report.summary.gate.scanId;
    expect(scanId).toMatch(/^[0-9a-f-]{36}$/);
    const qc = http().withToken(qcToken);
    let stored = await qc.get(`/api/scans/${scanId}`);
    for (let i = 0; i < 100 && stored.body.status === 'queued'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = await qc.get(`/api/scans/${scanId}`);
    }
    expect(stored.body.status).toBe('done');
    expect(stored.body.report.summary.findings.blocker).toBe(report.summary.findings.blocker);
    expect(
      stored.body.report.items.find((i: { path: string }) => i.path.endsWith('/uncovered.mov')).gate.status,
    ).toBe('not-cleared');
    const list = await qc.get(`/api/productions/${productionId}/scans`);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(scanId);
  });

  it('warns when an asset registered as temporary is in the final cut; --fail-on warning fails on it', async () => {
    const timeline = edl(['temp.mov']);
    const relaxed = await gate(['--timeline', timeline]);
    const warning = itemNamed(relaxed.report, 'temp.mov')?.findings.find(
      (f) => f.code === 'gate.temporary-in-final',
    );
    expect(warning?.severity).toBe('warning');
    expect(relaxed.code).toBe(0);
    expect((await gate(['--timeline', timeline, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('without a timeline treats every scanned file as the deliverable', async () => {
    const { code, report } = await gate([]);
    expect(report.summary.gate.finalRule).toBe('every-item');
    expect(itemNamed(report, 'uncovered.mov')?.gate?.status).toBe('not-cleared');
    expect(itemNamed(report, 'plate.mov')?.findings.map((f) => f.code)).toContain('gate.unknown-in-final');
    expect(code).toBe(1);
  });

  it('reports bad input per item and goes on: truncated media, garbage timeline lines, a symlink loop, unreadable files', async () => {
    const deliverable = join(dir, 'deliverable');
    // A JPEG that opens a C2PA manifest store and stops.
    writeFileSync(join(deliverable, 'cut.jpg'), jpegWithCutC2paStore());
    mkdirSync(join(deliverable, 'nest'));
    symlinkSync(deliverable, join(deliverable, 'nest', 'loop'));
    symlinkSync(join(deliverable, 'gone.mov'), join(deliverable, 'dangling.mov'));
    writeFileSync(join(deliverable, 'locked.mov'), 'locked');
    chmodSync(join(deliverable, 'locked.mov'), 0o000);
    try {
      const { code, report } = await gate(['--timeline', edl(['covered.mov', 'uncovered.mov'], true)]);
      expect(itemNamed(report, 'cut.jpg')?.findings.map((f) => f.code)).toContain('media.corrupt');
      expect(itemNamed(report, 'loop')?.findings.map((f) => f.code)).toEqual(['walk.symlink-loop']);
      expect(itemNamed(report, 'dangling.mov')?.findings.map((f) => f.code)).toEqual(['walk.not-found']);
      if (!isRoot)
        expect(itemNamed(report, 'locked.mov')?.findings.map((f) => f.code)).toContain('read.error');
      expect(report.summary.incomplete).toBe(true);
      const issues = report.summary.reportFindings.filter((f) => f.code === 'timeline.issue');
      expect(issues.map((f) => f.message).join('\n')).toMatch(/line 5/);
      expect(issues).toHaveLength(2);
      // The scan went on past all of it: the gate still judged the files it could read.
      expect(itemNamed(report, 'covered.mov')?.gate?.status).toBe('cleared');
      expect(itemNamed(report, 'uncovered.mov')?.gate?.status).toBe('not-cleared');
      expect(code).toBe(1);

      // Without a blocker on the cut, unread input alone exits 2: no clean bill for what was not read.
      const clean = await gate(['--timeline', edl(['covered.mov'], true)]);
      expect(clean.report.summary.findings.blocker).toBe(0);
      expect(clean.code).toBe(2);
    } finally {
      chmodSync(join(deliverable, 'locked.mov'), 0o600);
      for (const name of ['cut.jpg', 'dangling.mov', 'locked.mov'])
        rmSync(join(deliverable, name), { force: true });
      rmSync(join(deliverable, 'nest'), { recursive: true, force: true });
    }
  });

  it('refuses a production the token cannot see before scanning, with a clear message', async () => {
    const run = await runCli([
      'scan',
      join(dir, 'deliverable'),
      '--production',
      'no-such',
      '--url',
      base,
      '--token',
      qcToken,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/NOT_FOUND: No production no-such/);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+/);
  });
});
