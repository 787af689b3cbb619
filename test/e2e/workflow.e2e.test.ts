import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/server/app.js';
import { DEMO_PASSWORD } from '../../src/services/seed/seed-demo.js';
import { alteredWithoutConsent, consumerChatbot, finalShot, moodboard } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * The whole workflow over real HTTP against `startServer` (migrations, demo seed), then the
 * ledger checked with `clearframe audit verify` straight from the database, then one ledger
 * row altered behind the trigger's back and named by the verifier.
 */
let running: TestServer;
let base: string;
const http = () => TestClient.over((path, init) => fetch(`${base}${path}`, init));

beforeAll(async () => {
  running = await startTestServer();
  base = running.server.url;
});
afterAll(async () => {
  await running?.dispose();
});

async function signIn(email: string): Promise<TestClient> {
  const client = http();
  expect((await client.signIn(email, DEMO_PASSWORD)).status).toBe(200);
  return client;
}

describe('end to end over HTTP', () => {
  let workflowRan = false;

  it('limits request bodies by their declared length and, sent in chunks, by what arrives', async () => {
    const partner = await signIn('partner@demo.test');
    const [production] = (await partner.get('/api/productions')).body.items;
    const path = `/api/productions/${production.id}/disclosures`;
    const count = async () => (await partner.get('/api/disclosures?limit=200')).body.items.length;
    const before = await count();
    const body = (description: string) => JSON.stringify({ disclosure: { ...moodboard(), description } });
    /**
     * Over a connection of its own, the length declared or the body sent in chunks: the server
     * answers an oversized body without reading it and then closes the connection.
     */
    const sendAlone = (text: string, chunks: boolean) =>
      new Promise<number | 'closed'>((resolve) => {
        const length = chunks ? {} : { 'content-length': String(Buffer.byteLength(text)) };
        const req = request(`${base}${path}`, {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', ...length, ...partner.authHeaders('POST') },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve('closed'));
        for (let at = 0; at < text.length; at += 64 * 1024) req.write(text.slice(at, at + 64 * 1024));
        req.end();
      });

    const oversized = body('x'.repeat(MAX_BODY_BYTES));
    expect(await sendAlone(oversized, false)).toBe(413);
    // Counted as it arrives: refused once over, with a 413 or, the client still sending, a closed connection.
    expect([413, 'closed']).toContain(await sendAlone(oversized, true));
    expect(await count()).toBe(before);
    // Under the limit, a chunked body is read whole and accepted like any other.
    expect(await sendAlone(body('Chunked moodboard'), true)).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('serves health, the seeded demo data and the workflow from submission to conditions done', async () => {
    expect((await http().get('/api/health')).status).toBe(200);
    const partner = await signIn('partner@demo.test');
    const legal = await signIn('legal@demo.test');
    const contact = await signIn('contact@demo.test');

    const seeded = await legal.get('/api/disclosures?limit=200');
    expect(new Set(seeded.body.items.map((d: { state: string }) => d.state))).toEqual(
      new Set(['acknowledged', 'in_review', 'blocked', 'approved_with_conditions', 'withdrawn']),
    );

    const [production] = (await partner.get('/api/productions')).body.items;
    const submit = (disclosure: unknown) =>
      partner.post(`/api/productions/${production.id}/disclosures`, { disclosure });

    const notify = await submit(moodboard());
    expect(notify).toMatchObject({
      status: 201,
      body: { state: 'acknowledged', revision: { outcome: 'notify' } },
    });
    const notices = await contact.get('/api/notices');
    expect(notices.body.items.some((n: { disclosureId: string }) => n.disclosureId === notify.body.id)).toBe(
      true,
    );

    const escalate = await submit(consumerChatbot());
    expect(escalate.body.state).toBe('in_review');
    const acknowledged = await contact.post(`/api/disclosures/${escalate.body.id}/decisions`, {
      decision: 'acknowledge',
    });
    expect(acknowledged.body.state).toBe('acknowledged');

    const blocked = await submit(alteredWithoutConsent());
    expect(blocked.body).toMatchObject({ state: 'blocked', allowedMoves: ['revise', 'withdraw'] });

    const review = await submit(finalShot());
    expect(review.body.state).toBe('in_review');
    const approved = await legal.post(
      `/api/disclosures/${review.body.id}/decisions`,
      {
        decision: 'approve',
        expiresAt: '2031-01-01T00:00:00Z',
        conditions: [
          { text: 'Clear the facade rights', ownerId: notify.body.createdBy, dueDate: '2030-12-01' },
          { text: 'Label the shot in the VFX log' },
        ],
      },
      { 'if-match': review.headers.get('etag')! },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved_with_conditions');
    expect(approved.body.approval).toMatchObject({
      revision: 1,
      expiresAt: '2031-01-01T00:00:00.000Z',
      status: 'active',
    });
    for (const condition of approved.body.approval.conditions) {
      const done = await partner.post(`/api/conditions/${condition.id}/complete`);
      expect(done.status).toBe(200);
    }
    const after = await partner.get(`/api/disclosures/${review.body.id}`);
    expect(after.body.approval.conditions.map((c: { status: string }) => c.status)).toEqual(['done', 'done']);

    const typo = await partner.post(`/api/disclosures/${review.body.id}/revisions`, {
      disclosure: finalShot('Generate the colapse of an apartment block for episode 6.'),
    });
    expect(typo.body).toMatchObject({ state: 'approved_with_conditions', approval: { status: 'active' } });

    const material = finalShot();
    (material as { output: unknown }).output = { final: 'yes', element: 'key_visual' };
    const reopened = await partner.post(`/api/disclosures/${review.body.id}/revisions`, {
      disclosure: material,
    });
    expect(reopened.body).toMatchObject({ state: 'in_review', approval: { status: 'voided' } });

    const revisions = await legal.get(`/api/disclosures/${review.body.id}/revisions`);
    expect(revisions.body.items.map((r: { number: number }) => r.number)).toEqual([1, 2, 3]);
    for (const r of revisions.body.items) {
      expect(r.pack).toMatch(/^[\w-]+@\d+\.\d+\.\d+$/);
      expect(r.inputHash).toMatch(/^sha256:/);
      expect(r.disclosure.schema).toBe('clearframe/disclosure@1');
    }
    const auditor = await signIn('auditor@demo.test');
    expect((await auditor.get('/api/audit/verify')).body.ok).toBe(true);
    workflowRan = true;
  });

  it('`audit verify` reports intact; the database refuses edits; an edited row is named', async () => {
    expect(workflowRan).toBe(true);
    const store = running.server.store;
    await expect(store.exec("UPDATE audit_events SET type = 'x' WHERE seq = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(store.exec('DELETE FROM audit_events')).rejects.toThrow(/append-only/);

    const rows = await store.transaction(async (tx) => {
      const { auditEvents } = await import('../../src/store/schema.js');
      return tx.select().from(auditEvents);
    });
    const victim = rows.find((r) => r.type === 'approval.issued');
    expect(victim).toBeDefined();

    await running.stop();
    const intact = await runCli(['audit', 'verify', ...running.cliDatabaseArgs, '--json']);
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, firstBroken: null });

    const { openStore } = await import('../../src/store/database.js');
    const direct = await openStore(
      running.cliDatabaseArgs[0] === '--data'
        ? { dataDir: running.cliDatabaseArgs[1] }
        : { databaseUrl: running.cliDatabaseArgs[1] },
    );
    try {
      // What an insider with superuser rights could do: switch the trigger off and rewrite history.
      await direct.exec(
        `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
         UPDATE audit_events SET data = jsonb_set(data, '{expiresAt}', '"2099-01-01T00:00:00.000Z"') WHERE id = '${victim!.id}';
         ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;`,
      );
    } finally {
      await direct.close();
    }
    const broken = await runCli(['audit', 'verify', ...running.cliDatabaseArgs, '--json']);
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.stdout);
    expect(report.firstBroken).toMatchObject({ eventId: victim!.id, orgId: victim!.orgId });
    const human = await runCli(['audit', 'verify', ...running.cliDatabaseArgs]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(victim!.id);
    expect(human.stdout).toContain(victim!.orgId);
  });
});
