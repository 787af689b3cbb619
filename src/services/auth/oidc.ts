import * as client from 'openid-client';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../store/database.js';
import { findUserByEmail } from '../../store/repositories/users.js';
import { principalFromUser } from './principal.js';
import { type SignInResult, startSession } from './sign-in.js';

/**
 * Optional single sign-on through OpenID Connect (openid-client 6). Enabled when all of
 * OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL are set; none set means
 * disabled; some set is a configuration mistake, named. SSO signs in existing, active users by
 * their verified email only: accounts are still created by invitation, so an identity provider
 * cannot mint users or roles here.
 */
export type OidcSettings =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      readonly issuer: URL;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly redirectUrl: string;
      /** Plain-http issuers, for a local test identity provider only (OIDC_ALLOW_INSECURE=1). */
      readonly allowInsecure: boolean;
    };

const KEYS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;

export function readOidcSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): OidcSettings {
  const set = KEYS.filter((k) => (env[k] ?? '') !== '');
  if (set.length === 0) return { enabled: false };
  const missing = KEYS.filter((k) => !set.includes(k));
  if (missing.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `SSO is half configured: set ${missing.join(', ')} too, or unset ${set.join(', ')}.`,
      {
        missing,
      },
    );
  }
  let issuer: URL;
  try {
    issuer = new URL(env['OIDC_ISSUER'] as string);
  } catch {
    throw new AppError('INVALID_INPUT', `OIDC_ISSUER=${env['OIDC_ISSUER']} is not a URL.`, {
      key: 'OIDC_ISSUER',
    });
  }
  return {
    enabled: true,
    issuer,
    clientId: env['OIDC_CLIENT_ID'] as string,
    clientSecret: env['OIDC_CLIENT_SECRET'] as string,
    redirectUrl: env['OIDC_REDIRECT_URL'] as string,
    allowInsecure: env['OIDC_ALLOW_INSECURE'] === '1',
  };
}

type Enabled = Extract<OidcSettings, { enabled: true }>;
const discovered = new Map<string, Promise<client.Configuration>>();

function configurationFor(settings: Enabled): Promise<client.Configuration> {
  const key = `${settings.issuer.href}|${settings.clientId}`;
  let found = discovered.get(key);
  if (found === undefined) {
    found = client
      .discovery(
        settings.issuer,
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.allowInsecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .then((config) => {
        // The ID token's signature is checked against the provider's published keys too, not
        // only trusted because it came over TLS from the token endpoint (which OIDC allows).
        client.enableNonRepudiationChecks(config);
        return config;
      });
    // A failed discovery is not cached: the provider may be back on the next try.
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/** The secrets one sign-in flow keeps (in an HttpOnly cookie) from start to callback. */
export type OidcFlow = { readonly state: string; readonly verifier: string; readonly nonce: string };

/** Where to send the browser, and the flow's state, PKCE verifier and nonce to keep until the callback. */
export async function startOidc(settings: Enabled): Promise<OidcFlow & { url: string }> {
  const config = await configurationFor(settings);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUrl,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state, verifier, nonce };
}

/**
 * Exchanges the code (checking state, PKCE, and the ID token's signature, issuer, audience,
 * expiry and nonce), then signs in the active user with the verified email.
 * `query` is the callback's query string: the exchange names the configured redirect URL, not
 * the URL the request reached this server by (behind a proxy that is another host and scheme).
 */
export async function finishOidc({
  store,
  settings,
  query,
  flow,
  previousSessionToken,
}: {
  store: Store;
  settings: Enabled;
  query: string;
  flow: OidcFlow;
  previousSessionToken?: string | undefined;
}): Promise<SignInResult> {
  const config = await configurationFor(settings);
  const callbackUrl = new URL(settings.redirectUrl);
  callbackUrl.search = query;
  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch {
    throw new AppError('UNAUTHENTICATED', 'The identity provider did not confirm this sign-in; start again.');
  }
  const email = typeof claims?.['email'] === 'string' ? claims['email'] : undefined;
  if (email === undefined || claims?.['email_verified'] !== true) {
    throw new AppError(
      'UNAUTHENTICATED',
      'The identity provider gave no verified email; ask an administrator.',
    );
  }
  const user = await store.read((db) => findUserByEmail(db, email));
  const principal = user ? principalFromUser(user, 'session') : undefined;
  if (principal === undefined) {
    throw new AppError(
      'UNAUTHENTICATED',
      'No active Clearframe account has this email; ask an administrator for an invitation.',
    );
  }
  return startSession(store, principal, new Date(), previousSessionToken);
}
