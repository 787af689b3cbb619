import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_JOBS } from '../../src/jobs/all-jobs.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { createJobRegistry } from '../../src/jobs/registry.js';
import { startJobWorker } from '../../src/jobs/worker.js';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { moodboard } from '../helpers/disclosures.js';
import { type Fetcher, TestClient } from '../helpers/http-client.js';
import { talentUse } from '../helpers/registry.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World } from '../helpers/world.js';

/**
 * Passwords, session cookies, CSRF tokens, API tokens, invitation links and consent personal
 * data never reach the logs: every flow that handles one runs against an app (and the job
 * worker) logging at trace level into memory, and the log is searched for each secret.
 * (There is no password reset; the first administrator's password is read by the CLI from
 * CLEARFRAME_ADMIN_PASSWORD, and test/server/administration.test.ts checks the CLI never prints it.)
 */
let db: TestStore;
let world: World;
let lines: string[];
let client: TestClient;
let logger: ReturnType<typeof createLogger>;
let appFetch: Fetcher;

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store, { passwords: true });
  lines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  logger = createLogger({ level: 'trace', destination: sink });
  const app = createApp({ store: db.store, logger });
  appFetch = (path, init) => Promise.resolve(app.request(path, init));
  client = TestClient.over(appFetch);
});
afterAll(async () => {
  await db?.dispose();
});

describe('logs', () => {
  it('record requests without any credential sent or received', async () => {
    const signedIn = await client.signIn(world.users.partner.email, TEST_PASSWORD);
    const created = await client.post('/api/auth/tokens', { name: 'cli' });
    const token: string = created.body.token;
    await client
      .withToken(token)
      .post(`/api/productions/${world.productionId}/disclosures`, { disclosure: moodboard() });
    await client.withToken('cft_not-a-real-token').get('/api/auth/me');
    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(log).toContain('/api/auth/sign-in');
    for (const secret of [
      TEST_PASSWORD,
      token,
      signedIn.body.csrfToken,
      'cft_not-a-real-token',
      'cf_session=',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('record invitations by link without the link or the password chosen with it', async () => {
    const admin = TestClient.over(appFetch);
    await admin.signIn(world.users.studioAdmin.email, TEST_PASSWORD);
    const invited = await admin.post('/api/admin/invitations', {
      email: `invitee-${Date.now()}@test.example`,
      role: 'studio_legal',
    });
    expect(invited.status).toBe(201);
    const organisation = await admin.post('/api/admin/organisations', {
      kind: 'partner',
      name: 'Logged Partner',
      adminEmail: `first-admin-${Date.now()}@partner.example`,
    });
    expect(organisation.status).toBe(201);
    const firstAdminLink: string = organisation.body.invitation.token;
    const chosen = 'invitee chose this password';
    const accepted = await TestClient.over(appFetch).post('/api/auth/invitations/accept', {
      token: invited.body.token,
      name: 'Invitee',
      password: chosen,
    });
    expect(accepted.status).toBe(201);
    const forged = 'cfi_forged-invitation-link-0123456789';
    expect(
      (
        await TestClient.over(appFetch).post('/api/auth/invitations/accept', {
          token: forged,
          name: 'Nobody',
          password: 'another password here',
        })
      ).status,
    ).toBe(404);
    const log = lines.join('');
    expect(log).toContain('/api/auth/invitations/accept');
    for (const secret of [invited.body.token, firstAdminLink, chosen, forged, 'another password here']) {
      expect(log).not.toContain(secret);
    }
  });

  it("record consent work, and the jobs it sets off, without performers' personal data", async () => {
    const legal = TestClient.over(appFetch);
    await legal.signIn(world.users.legal.email, TEST_PASSWORD);
    const personal = {
      name: 'Performer Marisol Quintanilla-Brandt',
      union: 'Union Of Marisol',
      description: 'Voice replica of Marisol for the balcony scene, episode 4 only.',
      estate: 'Estate of Marisol, ref MQB-7731',
      reason: 'Marisol withdrew consent by letter of 3 May',
      file: 'marisol-signed-consent.pdf',
      document: 'Marisol Quintanilla-Brandt signature page',
      imported: 'Imported Performer Theodora Vask',
    };
    const performer = await legal.post('/api/performers', {
      displayName: personal.name,
      union: personal.union,
      deceased: true,
      authorisingBody: personal.estate,
    });
    expect(performer.status).toBe(201);
    const consent = await legal.post('/api/consents', {
      performerId: performer.body.id,
      productionId: world.productionId,
      use: 'voice_replica',
      description: personal.description,
      unionCovered: true,
      validFrom: '2026-01-01',
      estateAuthorisation: personal.estate,
    });
    expect(consent.status).toBe(201);
    const upload = await legal.raw('PUT', `/api/consents/${consent.body.id}/document`, {
      body: `%PDF-1.4\n${personal.document}`,
      headers: { 'content-type': 'application/pdf', 'x-file-name': personal.file },
    });
    expect(upload.status).toBe(200);
    const partner = TestClient.over(appFetch);
    await partner.signIn(world.users.partner.email, TEST_PASSWORD);
    expect(
      (
        await partner.post(`/api/productions/${world.productionId}/disclosures`, {
          disclosure: talentUse(personal.name),
        })
      ).status,
    ).toBe(201);
    expect(
      (await legal.post(`/api/consents/${consent.body.id}/revoke`, { reason: personal.reason })).status,
    ).toBe(200);
    const imported = await legal.post('/api/registry/consents/import', {
      format: 'json',
      items: [
        {
          performer: personal.imported,
          productionId: world.productionId,
          use: 'digital_replica',
          description: `Likeness of ${personal.imported} in the crowd scenes, episode 1.`,
          unionCovered: false,
          validFrom: '2026-02-01',
        },
      ],
    });
    expect(imported.status).toBe(200);
    expect((await legal.raw('GET', '/api/registry/consents/export?format=csv')).status).toBe(200);
    // The server's background work runs on what was just recorded, logging as the server does.
    const worker = startJobWorker({
      store: db.store,
      logger: logger.child({ component: 'jobs' }),
      handlers: createJobRegistry(ALL_JOBS),
      pollMs: 0,
      services: { publicUrl: 'https://clearframe.test' },
    });
    await db.store.sealLedger();
    await db.store.transaction((tx) => enqueueJob(tx, { name: 'notifications.dispatch', payload: {} }));
    const ran = await worker.drain();
    expect(ran.ran).toBeGreaterThan(0);

    const log = lines.join('');
    expect(log).toContain('/api/consents');
    for (const value of Object.values(personal)) expect(log).not.toContain(value);
    expect(log.toLowerCase()).not.toContain('marisol');
    expect(log.toLowerCase()).not.toContain('theodora');
  });

  it('log a database failure without the values of the statement that failed', async () => {
    const legal = TestClient.over(appFetch);
    await legal.signIn(world.users.legal.email, TEST_PASSWORD);
    // A real failure inside the database: the column the insert names is gone for a moment.
    await db.store.exec('alter table performers rename column display_name to display_name_away');
    let failed: Awaited<ReturnType<TestClient['post']>>;
    try {
      failed = await legal.post('/api/performers', { displayName: 'Performer Octavia Lindqvist-Moreau' });
    } finally {
      await db.store.exec('alter table performers rename column display_name_away to display_name');
    }
    expect(failed.status).toBe(500);
    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('display_name');
    // The lookup before the insert carries the name lower-cased.
    expect(log.toLowerCase()).not.toContain('octavia');
  });

  it('redact credentials even when code logs them by mistake', () => {
    const captured: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        captured.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ destination: sink });
    logger.info(
      { password: 'hunter2', user: { password: 'hunter3', token: 'cft_secret' }, authorization: 'Bearer x1' },
      'oops',
    );
    logger.info({ req: { headers: { authorization: 'Bearer x2', cookie: 'cf_session=abc' } } }, 'oops');
    const text = captured.join('');
    for (const secret of ['hunter2', 'hunter3', 'cft_secret', 'Bearer x1', 'Bearer x2', 'cf_session=abc']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
