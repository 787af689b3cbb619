import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/seed/seed-demo.js';
import { consumerChatbot } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * The real server with SMTP configured: a disclosure submitted over HTTP reaches the studio
 * contact's mailbox through the server's own worker (dispatcher schedule, email job), and
 * `clearframe import` talks to the same server.
 */
let smtp: SmtpSink;
let running: TestServer;
let base: string;
const http = () => TestClient.over((path, init) => fetch(`${base}${path}`, init));

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env['SMTP_URL'] = smtp.url;
  process.env['MAIL_FROM'] = 'Clearframe <noreply@demo.test>';
  process.env['JOB_POLL_MS'] = '100';
  running = await startTestServer();
  base = running.server.url;
});
afterAll(async () => {
  await running?.dispose();
  await smtp?.close();
  for (const key of ['SMTP_URL', 'MAIL_FROM', 'JOB_POLL_MS']) delete process.env[key];
});

async function signIn(email: string): Promise<TestClient> {
  const client = http();
  expect((await client.signIn(email, DEMO_PASSWORD)).status).toBe(200);
  return client;
}

describe('notifications through the running server', () => {
  it('emails the studio contact within seconds of a disclosure submitted over HTTP', async () => {
    const partner = await signIn('partner@demo.test');
    const [production] = (await partner.get('/api/productions')).body.items;
    const submitted = await partner.post(`/api/productions/${production.id}/disclosures`, {
      disclosure: consumerChatbot(),
    });
    expect(submitted.status).toBe(201);
    const started = Date.now();
    const forContact = () =>
      smtp.messages.find(
        (m) => JSON.stringify(m.to).includes('contact@demo.test') && m.text?.includes(submitted.body.id),
      );
    while (forContact() === undefined && Date.now() - started < 20_000)
      await new Promise((r) => setTimeout(r, 100));
    const mail = forContact();
    expect(mail?.subject).toMatch(/^New AI use disclosed on /);
    expect(mail?.text).toContain(`${base}/disclosures/${submitted.body.id}`);
  });

  it('clearframe import --dry-run prints each row’s verdict from the server and writes nothing', async () => {
    const partner = await signIn('partner@demo.test');
    const [production] = (await partner.get('/api/productions')).body.items;
    const token = (await partner.post('/api/auth/tokens', { name: 'import test' })).body.token as string;
    expect(typeof token).toBe('string');
    const { schema: _s, production: _p, ...doc } = consumerChatbot();
    const dir = mkdtempSync(join(tmpdir(), 'clearframe-import-'));
    const file = join(dir, 'uses.yaml');
    writeFileSync(file, JSON.stringify([doc]));
    const before = (await partner.get('/api/disclosures?limit=200')).body.items.length;
    const dry = await runCli([
      'import',
      file,
      '--production',
      production.id,
      '--dry-run',
      '--url',
      base,
      '--token',
      token,
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('row 1: ESCALATE');
    expect(dry.stdout).toContain('Dry run: 1 row(s) valid, nothing written.');
    expect((await partner.get('/api/disclosures?limit=200')).body.items.length).toBe(before);
    const real = await runCli([
      'import',
      file,
      '--production',
      production.id,
      '--url',
      base,
      '--token',
      token,
    ]);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/row 1: ESCALATE .* -> \S+ \(in_review\)/);
    expect((await partner.get('/api/disclosures?limit=200')).body.items.length).toBe(before + 1);
  });
});
