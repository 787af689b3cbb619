import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp, inCidr, parseCidr, parseIp, specialRange } from './ip-ranges.js';

const special = (text: string) => {
  const ip = parseIp(text);
  if (ip === undefined) throw new Error(`test address ${text} does not parse`);
  return specialRange(ip);
};

describe('addresses a webhook must not reach', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['192.0.2.10', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique local'],
    ['fc00::1', 'unique local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['::ffff:127.0.0.1', 'loopback 127.0.0.0/8 (IPv4-mapped'],
    ['::ffff:7f00:1', 'loopback 127.0.0.0/8 (IPv4-mapped'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'link-local (cloud metadata) 169.254.0.0/16 (IPv4-mapped'],
    ['::ffff:0:10.0.0.1', 'private 10.0.0.0/8 (IPv4-translated'],
    ['::127.0.0.1', 'loopback 127.0.0.0/8 (IPv4-compatible'],
    ['64:ff9b::192.168.0.1', 'private 192.168.0.0/16 (NAT64'],
    ['2002:7f00:1::', 'loopback 127.0.0.0/8 (6to4'],
    ['2002:c0a8:101::1', 'private 192.168.0.0/16 (6to4'],
  ])('%s is refused (%s)', (address, range) => {
    expect(special(address)).toContain(range);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::6810:84e5',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
  ])('%s is a public address', (address) => {
    expect(special(address)).toBeUndefined();
  });

  it('parses only whole, canonical addresses', () => {
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      '0x7f.0.0.1',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      ':::',
      '12345::',
      'fe80::1%eth0',
      'localhost',
      '::ffff:1.2.3',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/8/1')).toBeUndefined();
    expect(parseCidr('127.0.0.1')?.prefix).toBe(32);
  });

  it('reads back every address it writes, and matches it to its own /n range', () => {
    const address = fc.oneof(
      fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes) => ({ version: 4 as const, bytes })),
      fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => ({ version: 6 as const, bytes })),
    );
    fc.assert(
      fc.property(address, fc.nat(128), (ip, n) => {
        const text = formatIp(ip);
        expect(parseIp(text)).toEqual(ip);
        const prefix = Math.min(n, ip.version === 4 ? 32 : 128);
        const cidr = parseCidr(`${text}/${prefix}`);
        expect(cidr).toBeDefined();
        expect(inCidr(ip, cidr as NonNullable<typeof cidr>)).toBe(true);
      }),
    );
  });

  it('judges an IPv4-mapped IPv6 address exactly as the IPv4 address it carries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (v4) => {
        const plain = specialRange({ version: 4, bytes: v4 });
        const mapped = special(`::ffff:${[...v4].join('.')}`);
        expect(mapped === undefined).toBe(plain === undefined);
      }),
    );
  });

  it('never throws, whatever text it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdef:.[]/%x'.split('')) }), (text) => {
        const ip = parseIp(text);
        if (ip !== undefined) specialRange(ip);
        parseCidr(text);
      }),
    );
  });
});
