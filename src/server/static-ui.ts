import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './http/env.js';

/** web/dist from src/server (tsx) and from dist/server (built) alike: both sit two levels down. */
const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

async function readInside(root: string, path: string): Promise<Buffer | undefined> {
  const file = resolve(root, `.${decodeURIComponent(path)}`);
  // Never answer outside web/dist, whatever `..` or encoded separators the path holds.
  if (!file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return undefined;
  return readFile(file).catch(() => undefined);
}

/**
 * Serves the built web app (web/dist) for every GET outside /api. Hashed assets are cached for
 * a year; any other path answers index.html, so the app's own routes survive a reload. When
 * the app is not built, non-API paths fall through to the JSON 404.
 */
export function registerStaticUi(app: OpenAPIHono<AppEnv>, root: string = WEB_DIST): void {
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    let path = c.req.path;
    let body = path === '/' ? undefined : await readInside(root, path).catch(() => undefined);
    if (body === undefined) {
      path = '/index.html';
      body = await readInside(root, path);
      if (body === undefined) return next();
    }
    const immutable = path.startsWith('/assets/');
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
}
