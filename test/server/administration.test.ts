import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createApiToken } from '../../src/services/auth/create-api-token.js';
import { openStore, type Store } from '../../src/store/database.js';
import { auditEvents, users } from '../../src/store/schema.js';
import { TestClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World } from '../helpers/world.js';

let db: TestStore;
let world: World;
let app: ReturnType<typeof createApp>;
const client = () => TestClient.over((path, init) => Promise.resolve(app.request(path, init)));
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store, { passwords: true });
  app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await db?.dispose();
});

async function as(who: keyof World['users']): Promise<TestClient> {
  const c = client();
  expect((await c.signIn(world.users[who].email, TEST_PASSWORD)).status).toBe(200);
  return c;
}
const ledger = async (orgId: string) =>
  db.store.read((d) => d.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)));

describe('invitations', () => {
  it('lets a partner admin invite by link (token shown once, hashed); accepting sets name and password', async () => {
    const admin = await as('partnerAdmin');
    const email = `new-${Date.now()}@test.example`;
    const invited = await admin.post('/api/admin/invitations', { email, role: 'partner_member' });
    expect(invited.status).toBe(201);
    const token: string = invited.body.token;
    const accepted = await client().post('/api/auth/invitations/accept', {
      token,
      name: 'New Person',
      password: 'a long enough password',
    });
    expect(accepted.status).toBe(201);
    expect((await client().signIn(email, 'a long enough password')).body.user).toMatchObject({
      role: 'partner_member',
      name: 'New Person',
    });
    // Used once: the same link cannot create a second account.
    const again = await client().post('/api/auth/invitations/accept', {
      token,
      name: 'Again',
      password: 'a long enough password',
    });
    expect(again.status).toBe(404);
    const types = (await ledger(world.partnerId)).map((e) => e.type);
    expect(types).toContain('user.invited');
    expect(types).toContain('user.invitation_accepted');
    expect(JSON.stringify(await ledger(world.partnerId))).not.toContain(token);
  });

  it('refuses an expired invitation link and a studio role in a partner organisation', async () => {
    const admin = await as('partnerAdmin');
    const wrongRole = await admin.post('/api/admin/invitations', {
      email: 'x@test.example',
      role: 'studio_legal',
    });
    expect(wrongRole.status).toBe(400);
    const invited = await admin.post('/api/admin/invitations', {
      email: `late-${Date.now()}@test.example`,
      role: 'partner_member',
      expiresInDays: 1,
    });
    const { acceptInvitation } = await import('../../src/services/admin/invitations.js');
    await expect(
      acceptInvitation({
        store: db.store,
        input: { token: invited.body.token, name: 'Late', password: 'a long enough password' },
        now: new Date(Date.now() + 2 * 86_400_000),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses invitations from roles that do not manage users', async () => {
    const member = await as('partner');
    expect(
      (await member.post('/api/admin/invitations', { email: 'y@test.example', role: 'partner_member' }))
        .status,
    ).toBe(403);
  });
});

describe('deactivation and roles', () => {
  it("deactivates a user of one's own organisation: their sessions and tokens are refused at once", async () => {
    const victim = await as('qc');
    const token = (await createApiToken({ ctx: world.ctx('qc'), input: { name: 'qc' } })).token;
    expect((await client().withToken(token).get('/api/auth/me')).status).toBe(200);
    const admin = await as('studioAdmin');
    const res = await admin.post(`/api/admin/users/${world.users.qc.userId}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sessions: 1, tokens: 1 });
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    expect((await client().withToken(token).get('/api/auth/me')).status).toBe(401);
    expect((await client().signIn(world.users.qc.email, TEST_PASSWORD)).status).toBe(401);
    expect((await ledger(world.studioId)).map((e) => e.type)).toContain('user.deactivated');
  });

  it("answers another organisation's user as not found, and a partner admin cannot touch studio users", async () => {
    const partnerAdmin = await as('partnerAdmin');
    const res = await partnerAdmin.post(`/api/admin/users/${world.users.legal.userId}/deactivate`);
    expect(res.status).toBe(404);
    const [legal] = await db.store.read((d) =>
      d.select().from(users).where(eq(users.id, world.users.legal.userId)),
    );
    expect(legal?.active).toBe(true);
  });

  it('changes a role within the organisation kind, in the ledger, and the new role applies at once', async () => {
    const admin = await as('studioAdmin');
    const contact = await as('contact');
    const res = await admin.json('PUT', `/api/admin/users/${world.users.contact.userId}/role`, {
      role: 'studio_legal',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: 'studio_contact', to: 'studio_legal' });
    expect((await contact.get('/api/auth/me')).body.user.role).toBe('studio_legal');
    const bad = await admin.json('PUT', `/api/admin/users/${world.users.contact.userId}/role`, {
      role: 'partner_admin',
    });
    expect(bad.status).toBe(400);
    expect((await ledger(world.studioId)).map((e) => e.type)).toContain('user.role_changed');
  });

  it('lets a studio admin create a partner organisation with a first-admin invitation; a partner admin may not', async () => {
    const admin = await as('studioAdmin');
    const res = await admin.post('/api/admin/organisations', {
      kind: 'partner',
      name: 'Northwind',
      adminEmail: `nw-${Date.now()}@test.example`,
    });
    expect(res.status).toBe(201);
    expect(res.body.invitation.role).toBe('partner_admin');
    expect((await ledger(res.body.id)).map((e) => e.type)).toEqual(['organisation.created', 'user.invited']);
    const partnerAdmin = await as('partnerAdmin');
    expect(
      (await partnerAdmin.post('/api/admin/organisations', { kind: 'partner', name: 'Nope' })).status,
    ).toBe(403);
    const list = await admin.get('/api/admin/users');
    expect(list.body.items.every((u: { email: string }) => u.email.endsWith('@test.example'))).toBe(true);
    expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(world.users.partner.userId);
  });
});

describe('clearframe admin create-first', () => {
  async function emptyDatabase(): Promise<{ args: string[]; reopen: () => Promise<Store> }> {
    if (process.env['DATABASE_URL']) {
      const fresh = await openTestStore();
      await fresh.store.close();
      cleanups.push(() => fresh.dispose());
      const url = fresh.databaseUrl as string;
      return { args: ['--database-url', url], reopen: () => openStore({ databaseUrl: url }) };
    }
    const dir = mkdtempSync(join(tmpdir(), 'clearframe-admin-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { args: ['--data', dir], reopen: () => openStore({ dataDir: dir }) };
  }

  it('creates the first studio admin from CLEARFRAME_ADMIN_PASSWORD, then refuses a second time', async () => {
    const target = await emptyDatabase();
    process.env['CLEARFRAME_ADMIN_PASSWORD'] = 'first admin password';
    try {
      const first = await runCli(['admin', 'create-first', '--email', 'root@studio.example', ...target.args]);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).not.toContain('first admin password');
      const second = await runCli([
        'admin',
        'create-first',
        '--email',
        'other@studio.example',
        ...target.args,
      ]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/already has users/);
    } finally {
      delete process.env['CLEARFRAME_ADMIN_PASSWORD'];
    }
    const store = await target.reopen();
    try {
      const rows = await store.read((d) => d.select().from(users));
      expect(rows.map((u) => [u.email, u.role])).toEqual([['root@studio.example', 'studio_admin']]);
    } finally {
      await store.close();
    }
  });

  it('refuses without a password source when stdin is not a terminal', async () => {
    const target = await emptyDatabase();
    const run = await runCli(['admin', 'create-first', '--email', 'root@studio.example', ...target.args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/CLEARFRAME_ADMIN_PASSWORD/);
  });
});
