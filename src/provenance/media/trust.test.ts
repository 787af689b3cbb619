import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerSettings } from './c2pa-reader.js';
import { loadTrust, trustPathsFromEnv } from './trust.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearframe-trust-'));
  await writeFile(join(dir, 'a.pem'), `comment\n${CERT}\n${CERT}\n`);
  await writeFile(join(dir, 'store.cfg'), '// eku\n1.3.6.1.5.5.7.3.36\n');
  await writeFile(join(dir, 'empty.pem'), 'nothing here');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadTrust', () => {
  it('collects PEM certificates as anchors and .cfg files as the EKU list', async () => {
    const result = await loadTrust([join(dir, 'a.pem'), join(dir, 'store.cfg')]);
    if (!result.ok || result.trust === null) throw new Error('expected trust');
    expect(result.trust.anchorsPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(result.trust.ekuConfig).toContain('1.3.6.1.5.5.7.3.36');
    const settings = JSON.parse(readerSettings(result.trust));
    expect(settings.verify).toEqual({ verify_trust: true, remote_manifest_fetch: false, ocsp_fetch: false });
    expect(settings.trust.trust_config).toContain('1.3.6.1.5.5.7.3.36');
  });

  it('explains a missing file or a file with no certificate', async () => {
    expect(await loadTrust([join(dir, 'missing.pem')])).toEqual({
      ok: false,
      message: expect.stringMatching(/missing\.pem cannot be read \(ENOENT\)/),
    });
    expect(await loadTrust([join(dir, 'empty.pem')])).toEqual({
      ok: false,
      message: expect.stringMatching(/holds no PEM certificate/),
    });
  });

  it('means no anchors at all when no file is given, and keeps network fetches off', async () => {
    expect(await loadTrust([])).toEqual({ ok: true, trust: null });
    expect(JSON.parse(readerSettings(null))).toEqual({
      verify: { verify_trust: true, remote_manifest_fetch: false, ocsp_fetch: false },
    });
  });

  it('splits CLEARFRAME_C2PA_TRUST like PATH', () => {
    expect(trustPathsFromEnv('/a.pem::/b.pem ', ':')).toEqual(['/a.pem', '/b.pem']);
    expect(trustPathsFromEnv(undefined, ':')).toEqual([]);
  });
});
