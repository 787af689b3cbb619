/**
 * IP addresses and the ranges a webhook must never reach (SSRF): loopback, private, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved and documentation
 * ranges, in IPv4 and IPv6, and IPv4 addresses carried inside IPv6 ones (mapped ::ffff:a.b.c.d,
 * compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), which reach the IPv4 address.
 * Pure: parsing and matching only.
 */
export type IpAddress = { readonly version: 4 | 6; readonly bytes: Uint8Array };
export type Cidr = { readonly base: IpAddress; readonly prefix: number; readonly text: string };

const DECIMAL_OCTET = /^(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** Dotted-quad IPv4 in its canonical decimal form (what URLs and resolvers give). */
function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    if (!DECIMAL_OCTET.test(part) || Number(part) > 255) return undefined;
    bytes[i] = Number(part);
  }
  return bytes;
}

/** IPv6 with `::` compression and an optional dotted-quad tail; no zone id. */
function parseIpv6(text: string): Uint8Array | undefined {
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [(v4[0] as number) * 256 + (v4[1] as number), (v4[2] as number) * 256 + (v4[3] as number)];
    // Keep a `::` just before the IPv4 part; drop a single separating colon.
    head = text.slice(0, lastColon + 1);
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const left = groups(halves[0] as string);
  const right = halves.length === 2 ? groups(halves[1] as string) : [];
  if (![...left, ...right].every((g) => HEX_GROUP.test(g))) return undefined;
  const given = left.length + right.length + tail.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
  const words = [
    ...left.map((g) => Number.parseInt(g, 16)),
    ...Array<number>(8 - given).fill(0),
    ...right.map((g) => Number.parseInt(g, 16)),
    ...tail,
  ];
  const bytes = new Uint8Array(16);
  for (const [i, word] of words.entries()) {
    bytes[2 * i] = word >> 8;
    bytes[2 * i + 1] = word & 0xff;
  }
  return bytes;
}

/** An IPv4 or IPv6 address (IPv6 optionally in URL brackets); undefined for anything else. */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.includes(':')) {
    const bytes = parseIpv6(bare);
    return bytes === undefined ? undefined : { version: 6, bytes };
  }
  const bytes = parseIpv4(bare);
  return bytes === undefined ? undefined : { version: 4, bytes };
}

/** `address/prefix`, or a bare address (the address alone). */
export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || extra !== undefined) return undefined;
  const base = parseIp(address);
  if (base === undefined) return undefined;
  const max = base.version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { base, prefix, text: text.trim() };
}

export function inCidr(ip: IpAddress, cidr: Cidr): boolean {
  if (ip.version !== cidr.base.version) return false;
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const take = Math.min(8, cidr.prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if (((ip.bytes[i] as number) & mask) !== ((cidr.base.bytes[i] as number) & mask)) return false;
  }
  return true;
}

function ranges(entries: readonly [string, string][]): readonly (Cidr & { name: string })[] {
  return entries.map(([text, name]) => ({ ...(parseCidr(text) as Cidr), name }));
}

/** IANA special-purpose IPv4 ranges that are not the public internet. */
const IPV4_SPECIAL = ranges([
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local (cloud metadata)'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', '6to4 relay'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved and broadcast'],
]);

/** IPv6 ranges that are not the public internet (embedded IPv4 forms are handled apart). */
const IPV6_SPECIAL = ranges([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'local-use NAT64'],
  ['100::/64', 'discard-only'],
  ['2001::/23', 'IETF protocol assignments (Teredo, benchmarking, ORCHID)'],
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'segment routing'],
  ['fc00::/7', 'unique local (private)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
]);

/** IPv6 forms that carry an IPv4 address, and where its four bytes sit. */
const IPV4_CARRIERS = ranges([
  ['::ffff:0:0/96', 'IPv4-mapped'],
  ['::ffff:0:0:0/96', 'IPv4-translated'],
  ['64:ff9b::/96', 'NAT64'],
  ['::/96', 'IPv4-compatible'],
  ['2002::/16', '6to4'],
]);

/**
 * The name of the non-public range `ip` lies in, e.g. `loopback 127.0.0.0/8`, or undefined for
 * a public address. An IPv6 address carrying an IPv4 one is judged by that IPv4 address.
 */
export function specialRange(ip: IpAddress): string | undefined {
  if (ip.version === 4) {
    const hit = IPV4_SPECIAL.find((r) => inCidr(ip, r));
    return hit === undefined ? undefined : `${hit.name} ${hit.text}`;
  }
  const hit = IPV6_SPECIAL.find((r) => inCidr(ip, r));
  if (hit !== undefined) return `${hit.name} ${hit.text}`;
  const carrier = IPV4_CARRIERS.find((r) => inCidr(ip, r));
  if (carrier === undefined) return undefined;
  const at = carrier.text === '2002::/16' ? 2 : 12;
  const inner = specialRange({ version: 4, bytes: ip.bytes.slice(at, at + 4) });
  return inner === undefined ? undefined : `${inner} (${carrier.name} in ${carrier.text})`;
}

export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return ip.bytes.join('.');
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2)
    words.push((((ip.bytes[i] as number) << 8) | (ip.bytes[i + 1] as number)).toString(16));
  return words.join(':');
}
