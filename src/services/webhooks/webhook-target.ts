import { lookup } from 'node:dns/promises';
import { AppError } from '../../domain/errors.js';
import { type Cidr, inCidr, parseCidr, parseIp, specialRange } from './ip-ranges.js';

/**
 * Where a webhook may be delivered: only to public internet addresses, so that a user who may
 * register webhooks cannot make the server call its own loopback, the private network, or a
 * cloud metadata service (SSRF). Checked when a webhook is registered and again, at connect
 * time, on every delivery attempt (src/jobs/webhooks/post-webhook.ts): a name that resolved to
 * a public address at registration may point elsewhere later (DNS rebinding).
 *
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS lists the ranges an operator allows anyway, e.g. a tracker on
 * the studio's own network (`10.20.0.0/16`) or a receiver on this machine in tests and local
 * development (`127.0.0.1`); comma-separated addresses or CIDR ranges, IPv4 or IPv6.
 */
export const ALLOW_PRIVATE_KEY = 'WEBHOOK_ALLOW_PRIVATE_NETWORKS';

/** Host name to addresses; the system's resolver unless a test gives its own. */
export type Resolver = (hostname: string) => Promise<readonly string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** How long registration waits for DNS before accepting the name (delivery checks again). */
const REGISTRATION_LOOKUP_MS = 3_000;

export function allowedNetworks(env: Readonly<Record<string, string | undefined>> = process.env): Cidr[] {
  const raw = env[ALLOW_PRIVATE_KEY] ?? '';
  return raw
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const cidr = parseCidr(entry);
      if (cidr === undefined) {
        throw new AppError(
          'INVALID_INPUT',
          `${ALLOW_PRIVATE_KEY} holds "${entry.trim()}", which is not an IP address or CIDR range; give e.g. 10.20.0.0/16,127.0.0.1,fd00::/8.`,
          { key: ALLOW_PRIVATE_KEY, value: entry.trim() },
        );
      }
      return cidr;
    });
}

/** Why a webhook may not reach `address` (a refusal to show), or undefined when it may. */
export function refusedAddress(address: string, allowed: readonly Cidr[]): string | undefined {
  const ip = parseIp(address);
  if (ip === undefined) return `${address} is not an IP address`;
  const range = specialRange(ip);
  if (range === undefined || allowed.some((cidr) => inCidr(ip, cidr))) return undefined;
  return `${address} is in the ${range} range; webhooks reach public internet addresses only (an operator can allow ranges with ${ALLOW_PRIVATE_KEY})`;
}

/** The URL's host as an address to check, or the name to resolve. */
export function hostOf(url: URL): { address: string } | { name: string } {
  const host = url.hostname;
  return parseIp(host) !== undefined ? { address: host.replace(/^\[|\]$/g, '') } : { name: host };
}

/**
 * Refuses (INVALID_INPUT on `url`) a webhook URL whose host is, or resolves to, a non-public
 * address. A name that does not resolve now (or not within 3 s) is accepted: it cannot be
 * reached now, and every delivery resolves and checks it again.
 */
export async function assertPublicTarget(
  url: URL,
  {
    resolve = systemResolver,
    env = process.env,
  }: { resolve?: Resolver; env?: Record<string, string | undefined> } = {},
): Promise<void> {
  const allowed = allowedNetworks(env);
  const host = hostOf(url);
  let addresses: readonly string[];
  if ('address' in host) addresses = [host.address];
  else {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<readonly string[]>((done) => {
      timer = setTimeout(() => done([]), REGISTRATION_LOOKUP_MS);
    });
    addresses = await Promise.race([resolve(host.name).catch(() => [] as string[]), timeout]);
    clearTimeout(timer);
  }
  for (const address of addresses) {
    const refusal = refusedAddress(address, allowed);
    if (refusal !== undefined) {
      throw new AppError('INVALID_INPUT', `url ${url.href} is refused: ${refusal}.`, {
        key: 'url',
        value: url.href,
        address,
      });
    }
  }
}
