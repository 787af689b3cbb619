import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/server/http/env.js';
import { registerStaticUi } from '../../src/server/static-ui.js';

describe('serving the built web app', () => {
  let base: string;
  let app: OpenAPIHono<AppEnv>;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'clearframe-static-'));
    const root = join(base, 'dist');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(join(base, 'secret.txt'), 'not for the web');
    app = new OpenAPIHono<AppEnv>();
    registerStaticUi(app, root);
    app.notFound((c) => c.json({ error: 'none' }, 404));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('answers hashed assets with a long cache and the right type', async () => {
    const res = await app.request('/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it("answers the app's own routes with index.html, so a reload keeps the page", async () => {
    const res = await app.request('/disclosures/123');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a file outside the app folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      expect(await (await app.request(path)).text()).not.toContain('not for the web');
    }
  });

  it('leaves /api paths to the API', async () => {
    expect((await app.request('/api/nothing')).status).toBe(404);
  });
});
