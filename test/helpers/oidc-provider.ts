import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenID Connect provider on 127.0.0.1 for tests: discovery, JWKS, an authorization
 * endpoint that signs in whoever the test names (no login page), and a token endpoint that
 * checks the client secret, the code, the redirect URI and PKCE, then returns an RS256 ID
 * token signed with node:crypto. `next` lets a test make the provider misbehave.
 */
export type IdTokenTampering = {
  /** Claims to override in the next ID token (`iss`, `nonce`, `aud`, `email_verified`...). */
  readonly claims?: Record<string, unknown>;
  /** Sign with a key that is not in the JWKS (under the published key id). */
  readonly foreignKey?: boolean;
};

export type TestOidcProvider = {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The email the next authorization signs in as, and how its ID token is spoiled, if at all. */
  next(email: string, tampering?: IdTokenTampering): void;
  /** Token requests the provider refused, with the reason (wrong secret, redirect URI, PKCE...). */
  readonly refusals: string[];
  close(): Promise<void>;
};

type Grant = {
  readonly email: string;
  readonly tampering: IdTokenTampering;
  readonly nonce: string | null;
  readonly challenge: string;
  readonly redirectUri: string;
};

const KEY_ID = 'test-signing-key';

function newKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

function jwt(claims: Record<string, unknown>, key: KeyObject): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startOidcProvider(options: {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}): Promise<TestOidcProvider> {
  const signingKey = newKey();
  const foreignKey = newKey();
  const publicJwk = { ...signingKey.export({ format: 'jwk' }), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  delete (publicJwk as Record<string, unknown>)['d'];
  for (const k of ['p', 'q', 'dp', 'dq', 'qi']) delete (publicJwk as Record<string, unknown>)[k];
  const grants = new Map<string, Grant>();
  const refusals: string[] = [];
  let pending: { email: string; tampering: IdTokenTampering } | undefined;
  let issuer = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
      return;
    }
    if (url.pathname === '/jwks') {
      json(200, { keys: [publicJwk] });
      return;
    }
    if (url.pathname === '/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      if (pending === undefined || url.searchParams.get('client_id') !== options.clientId) {
        json(400, { error: 'invalid_request' });
        return;
      }
      const code = randomBytes(16).toString('base64url');
      grants.set(code, {
        ...pending,
        nonce: url.searchParams.get('nonce'),
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri,
      });
      pending = undefined;
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.statusCode = 302;
      res.setHeader('location', back.href);
      res.end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      void formOf(req).then((form) => {
        const refuse = (reason: string) => {
          refusals.push(reason);
          json(400, { error: 'invalid_grant', error_description: reason });
        };
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const [id, secret] = basic
          ? Buffer.from(basic, 'base64')
              .toString('utf8')
              .split(':')
              .map((s) => decodeURIComponent(s))
          : [form.get('client_id'), form.get('client_secret')];
        if (id !== options.clientId || secret !== options.clientSecret)
          return refuse('client authentication');
        const code = form.get('code') ?? '';
        const grant = grants.get(code);
        grants.delete(code);
        if (grant === undefined) return refuse('unknown or used code');
        const redirectUri = form.get('redirect_uri');
        if (redirectUri !== grant.redirectUri || redirectUri !== options.redirectUri)
          return refuse(`redirect_uri ${redirectUri}`);
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
          return refuse('PKCE verifier');
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          iss: issuer,
          sub: `sub-${grant.email}`,
          aud: options.clientId,
          iat: now,
          exp: now + 300,
          ...(grant.nonce === null ? {} : { nonce: grant.nonce }),
          email: grant.email,
          email_verified: true,
          ...grant.tampering.claims,
        };
        json(200, {
          access_token: randomBytes(16).toString('base64url'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: jwt(claims, grant.tampering.foreignKey ? foreignKey : signingKey),
        });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    refusals,
    next: (email, tampering = {}) => {
      pending = { email, tampering };
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
