import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { moodboard } from '../helpers/disclosures.js';
import { TestClient } from '../helpers/http-client.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World } from '../helpers/world.js';

/** Passwords, session cookies, CSRF tokens and API tokens never reach the logs. */
let db: TestStore;
let world: World;
let lines: string[];
let client: TestClient;

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
  const app = createApp({ store: db.store, logger: createLogger({ level: 'trace', destination: sink }) });
  client = TestClient.over((path, init) => Promise.resolve(app.request(path, init)));
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
