import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';

/**
 * A self-contained API reference at /api/docs: it fetches /api/openapi.json and lists every
 * operation with its parameters, body schema and responses. No CDN: the page works offline.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clearframe API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 2rem;color:#1b1b1b}
h1{margin-bottom:0}.op{border:1px solid #ddd;border-radius:6px;margin:.6rem 0;padding:.2rem .8rem}
summary{cursor:pointer;padding:.4rem 0}.m{display:inline-block;width:4.2rem;font-weight:700;font-family:monospace}
.get{color:#0a6}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c22}code,pre{font-family:ui-monospace,monospace;font-size:13px}
pre{background:#f6f6f6;padding:.6rem;overflow:auto;max-height:24rem}h2{margin-top:2rem;text-transform:capitalize}
</style></head><body>
<h1>Clearframe API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
Sign in with <code>POST /api/auth/sign-in</code>; cookie-authenticated writes send <code>X-CSRF-Token</code>;
the CLI uses <code>Authorization: Bearer</code>. Errors are <code>{ error: { code, message, details, requestId } }</code>.</p>
<div id="ops">Loading…</div>
<script>
const el = (tag, attrs, ...kids) => { const e = document.createElement(tag); Object.assign(e, attrs); e.append(...kids); return e; };
fetch('/api/openapi.json').then(r => r.json()).then(spec => {
  const byTag = {};
  for (const [path, item] of Object.entries(spec.paths || {})) for (const [method, op] of Object.entries(item)) {
    const tag = (op.tags && op.tags[0]) || 'other'; (byTag[tag] ||= []).push({ path, method, op });
  }
  const root = document.getElementById('ops'); root.textContent = '';
  for (const [tag, ops] of Object.entries(byTag)) {
    root.append(el('h2', { textContent: tag }));
    for (const { path, method, op } of ops) {
      const body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
      const details = el('details', { className: 'op' },
        el('summary', {}, el('span', { className: 'm ' + method, textContent: method.toUpperCase() }), el('code', { textContent: path }), ' — ' + (op.summary || '')),
        el('p', { textContent: 'Parameters: ' + ((op.parameters || []).map(p => p.name + ' (' + p.in + ')').join(', ') || 'none') }),
        body ? el('pre', { textContent: 'Body: ' + JSON.stringify(body.schema, null, 2) }) : '',
        el('p', { textContent: 'Responses: ' + Object.entries(op.responses || {}).map(([s, r]) => s + ' ' + r.description).join('; ') }));
      root.append(details);
    }
  }
  const schemas = (spec.components && spec.components.schemas) || {};
  root.append(el('h2', { textContent: 'schemas' }));
  for (const [name, schema] of Object.entries(schemas)) root.append(el('details', { className: 'op' }, el('summary', { textContent: name }), el('pre', { textContent: JSON.stringify(schema, null, 2) })));
}).catch(e => { document.getElementById('ops').textContent = 'Could not load the spec: ' + e; });
</script></body></html>`;

export function registerDocs(app: Hono<AppEnv>): void {
  app.get('/api/docs', (c) => {
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'",
    );
    return c.html(PAGE);
  });
}
