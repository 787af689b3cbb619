import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  allowedNetworks,
  hostOf,
  type Resolver,
  refusedAddress,
  systemResolver,
} from '../../services/webhooks/webhook-target.js';

/** A delivery the SSRF guard stopped before any connection was made. */
export class WebhookTargetRefused extends Error {
  override readonly name = 'WebhookTargetRefused';
}

/**
 * The DNS lookup the connection itself uses: every address the name resolves to is checked,
 * and the socket connects only to checked addresses. Checking before a separate fetch would
 * leave a gap in which the name could be re-pointed at an internal address (DNS rebinding).
 */
function guardedLookup(resolve: Resolver, env: Record<string, string | undefined>): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (error: Error | null, address?: unknown, family?: number) => void;
    resolve(hostname).then(
      (addresses) => {
        const allowed = allowedNetworks(env);
        if (addresses.length === 0) return done(new WebhookTargetRefused(`${hostname} does not resolve`));
        for (const address of addresses) {
          const refusal = refusedAddress(address, allowed);
          if (refusal !== undefined)
            return done(new WebhookTargetRefused(`${hostname} resolves to ${refusal}`));
        }
        const all = addresses.map((address) => ({ address, family: isIP(address) }));
        if (options.all) return done(null, all);
        const first = all[0] as { address: string; family: number };
        return done(null, first.address, first.family);
      },
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

/**
 * POSTs a webhook body and answers the receiver's status code. Redirects are not followed (a
 * redirect could lead anywhere); the receiver's body is not read.
 */
export function postWebhook(
  url: URL,
  {
    headers,
    body,
    timeoutMs,
    resolve = systemResolver,
    env = process.env,
  }: {
    headers: Record<string, string>;
    body: string;
    timeoutMs: number;
    resolve?: Resolver | undefined;
    env?: Record<string, string | undefined>;
  },
): Promise<number> {
  return new Promise<number>((settle, fail) => {
    const host = hostOf(url);
    if ('address' in host) {
      const refusal = refusedAddress(host.address, allowedNetworks(env));
      if (refusal !== undefined) return fail(new WebhookTargetRefused(refusal));
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(resolve, env),
      signal: AbortSignal.timeout(timeoutMs),
    });
    req.on('response', (res: IncomingMessage) => {
      res.on('error', () => undefined);
      res.destroy();
      settle(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end(body);
  });
}
