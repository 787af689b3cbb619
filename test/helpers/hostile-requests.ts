/**
 * Seeded generators of malformed and hostile HTTP requests for the fuzz test: wrong types,
 * huge strings, odd unicode, __proto__/constructor keys, SQL and HTML metacharacters, bad
 * content types, wrong methods, forged and missing credentials next to valid ones.
 */

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NASTY_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '"><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\u0000',
  '\uD800',
  '\u202E\u200B\uFEFF',
  'Z̷̢̛a̶l̸g̵o̷',
  '🎬'.repeat(50),
  '=cmd|" /C calc"!A0',
  'null',
  '-1',
  '1e309',
  ' ',
  '',
];

const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'email',
  'password',
  'name',
  'disclosure',
  'role',
  'kind',
  'body',
  'token',
  'scope',
  'url',
  'events',
  'decision',
  'format',
  'state',
  '$where',
  'toString',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml',
  '',
];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const MAX_QUERY = 12_000;

/** Percent-encodes; a lone surrogate (which encodeURIComponent refuses) becomes its raw, invalid UTF-8 bytes. */
function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

export type Route = { readonly method: string; readonly path: string };
export type SessionCredential = { cookie: string; csrfToken: string };

/** What a generated request may carry: real credentials and real ids, among the forged ones. */
export type Targets = {
  readonly tokens: readonly string[];
  /** Live sessions; the caller replaces one that a fuzzed sign-out ended. */
  readonly sessions: readonly SessionCredential[];
  readonly ids: readonly string[];
};

export type HostileRequest = {
  /** The route it was generated from, `METHOD /path/{param}`. */
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
  /** Index into `targets.sessions` when it carries a valid session cookie. */
  readonly session: number | undefined;
};

/** A deterministic stream of hostile requests against `routes` for one seed. */
export function hostileRequests(
  seed: number,
  routes: readonly Route[],
  targets: Targets,
): () => HostileRequest {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const nastyValue = (depth: number): unknown => {
    const r = random();
    if (r < 0.2) return pick(NASTY_STRINGS);
    if (r < 0.27) return 'x'.repeat(Math.floor(random() * 200_000));
    if (r < 0.35) return pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, -0]);
    if (r < 0.42) return pick([true, false, null]);
    if (r < 0.6 && depth < 3)
      return Array.from({ length: Math.floor(random() * 4) }, () => nastyValue(depth + 1));
    if (depth < 3) return nastyObject(depth + 1);
    return pick(NASTY_STRINGS);
  };
  const nastyObject = (depth: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    const n = Math.floor(random() * 5);
    for (let i = 0; i < n; i++)
      Object.defineProperty(o, pick(KEYS), {
        value: nastyValue(depth),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return o;
  };
  const nastyBody = (): string | null => {
    const r = random();
    if (r < 0.1) return null;
    if (r < 0.2) return '{"a":';
    if (r < 0.25) return '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}';
    if (r < 0.3) return pick(NASTY_STRINGS);
    return JSON.stringify(nastyValue(0));
  };
  const queryValue = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));
  const segment = () => enc(random() < 0.5 ? pick(targets.ids) : pick(NASTY_STRINGS)) || '%20';
  /** A real secret with one character changed: a tampered cookie or token. */
  const tampered = (secret: string) => {
    const at = Math.floor(random() * secret.length);
    return `${secret.slice(0, at)}${secret[at] === 'A' ? 'B' : 'A'}${secret.slice(at + 1)}`;
  };

  return () => {
    const route = pick(routes);
    const method = random() < 0.85 ? route.method : pick(METHODS);
    let path = route.path.replace(/\{\w+\}/g, segment);
    // Node's HTTP server refuses a request line and headers past 16 KiB (431) before any app
    // sees them, so longer query strings are cut (possibly mid-escape: malformed on purpose).
    if (random() < 0.3)
      path += `?${enc(pick(KEYS))}=${enc(queryValue(nastyValue(2)).slice(0, MAX_QUERY))}`.slice(0, MAX_QUERY);
    const headers: Record<string, string> = {};
    let session: number | undefined;
    const auth = random();
    if (auth < 0.65) headers['authorization'] = `Bearer ${pick(targets.tokens)}`;
    else if (auth < 0.75 && targets.sessions.length > 0) {
      session = Math.floor(random() * targets.sessions.length);
      const live = targets.sessions[session] as SessionCredential;
      headers['cookie'] = `cf_session=${live.cookie}`;
      const csrf = random();
      if (csrf < 0.5) headers['x-csrf-token'] = live.csrfToken;
      else if (csrf < 0.75) headers['x-csrf-token'] = tampered(live.csrfToken);
    } else if (auth < 0.8) headers['authorization'] = `Bearer ${enc(pick(NASTY_STRINGS))}`;
    else if (auth < 0.83) headers['authorization'] = `Bearer ${tampered(pick(targets.tokens))}`;
    else if (auth < 0.86) headers['cookie'] = `cf_session=${enc(pick(NASTY_STRINGS))}`;
    else if (auth < 0.9 && targets.sessions.length > 0)
      headers['cookie'] = `cf_session=${tampered(pick(targets.sessions).cookie)}`;
    const body = method === 'GET' ? null : nastyBody();
    // Half declare JSON, so that most bodies get past the content-type check to the routes.
    const type = random() < 0.5 ? 'application/json' : pick(CONTENT_TYPES);
    if (body !== null && type !== '') headers['content-type'] = type;
    // Most clients announce the length; some stream the body without one.
    if (body !== null && random() < 0.8) headers['content-length'] = String(Buffer.byteLength(body));
    return { route: `${route.method} ${route.path}`, method, path, headers, body, session };
  };
}
