// The venue CA and server certificate on disk: made once with private files, re-issued when the
// machine's addresses change, constrained to its names, refused when changed, and a folder that
// cannot be written gives a message naming it (the server then stays on HTTP).
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { x509 } from '../../../src/server/venue/x509.ts';
import { venueNames, type VenueNames } from '../../../src/server/venue/addresses.ts';
import { loadOrCreateCa, SIGNING_ALGORITHM, KEY_ALGORITHM, TamperedCaError } from '../../../src/server/venue/ca.ts';
import { TlsFolderError, tlsPaths } from '../../../src/server/venue/pem-files.ts';
import { prepareVenueTls } from '../../../src/server/venue/venue-tls.ts';
import { openVenue } from '../../../src/server/venue/open-venue.ts';

const dirs: string[] = [];
const tempDir = (): string => { const dir = mkdtempSync(join(tmpdir(), 'dd-tls-')); dirs.push(dir); return dir; };
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

const hotspot = (ip: string): VenueNames => venueNames({
  host: 'Laptop-BTC', interfaces: { lo: [{ family: 'IPv4', address: '127.0.0.1', internal: true }], wlan0: [{ family: 'IPv4', address: ip, internal: false }] },
});
const san = (pem: string): string => new X509Certificate(pem).subjectAltName ?? '';
const modeOf = (file: string): number => statSync(file).mode & 0o777;

describe('venue TLS files', () => {
  it('makes the CA once, with private files, and a certificate for every name of the machine', async () => {
    const dir = join(tempDir(), 'tls');
    const names = hotspot('192.168.43.10');
    expect(names).toEqual({ dns: ['laptop-btc.local', 'localhost'], ips: ['127.0.0.1', '192.168.43.10'] });
    const first = await prepareVenueTls({ dir, names });
    expect(first.caCreated).toBe(true);
    expect(first.server.issued).toBe(true);
    const paths = tlsPaths(dir);
    for (const file of [paths.caKey, paths.caCert, paths.serverKey, paths.serverCert]) expect(modeOf(file)).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    expect(san(first.server.certPem)).toBe('DNS:laptop-btc.local, DNS:localhost, IP Address:127.0.0.1, IP Address:192.168.43.10');
    const server = new X509Certificate(first.server.certPem);
    const ca = new X509Certificate(readFileSync(paths.caCert, 'utf8'));
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(ca.ca).toBe(true);
    // The same machine again: the same CA and the same certificate, nothing written.
    const second = await prepareVenueTls({ dir, names });
    expect(second.caCreated).toBe(false);
    expect(second.server.issued).toBe(false);
    expect(second.caFingerprint).toBe(first.caFingerprint);
    expect(second.server.certPem).toBe(first.server.certPem);
  });

  it('re-issues the server certificate, under the same CA, when the hotspot gives a new address', async () => {
    const dir = join(tempDir(), 'tls');
    const before = await prepareVenueTls({ dir, names: hotspot('192.168.43.10') });
    const after = await prepareVenueTls({ dir, names: hotspot('10.1.2.3') });
    expect(after.caCreated).toBe(false);
    expect(after.caFingerprint).toBe(before.caFingerprint);
    expect(after.server.issued).toBe(true);
    expect(san(after.server.certPem)).toContain('IP Address:10.1.2.3');
    expect(san(after.server.certPem)).not.toContain('192.168.43.10');
    expect(san(readFileSync(tlsPaths(dir).serverCert, 'utf8'))).toContain('IP Address:10.1.2.3');
  });

  it('constrains the CA to its names: openssl refuses a certificate it signs for another site', async () => {
    const dir = join(tempDir(), 'tls');
    const names = hotspot('192.168.43.10');
    const tls = await prepareVenueTls({ dir, names });
    expect(tls.permitted.dns).toEqual(['laptop-btc.local', 'localhost']);
    expect(tls.permitted.ipBlocks).toContain('192.168.0.0/16');
    const ca = await loadOrCreateCa(tlsPaths(dir), names, new Date());
    const keys = await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']) as CryptoKeyPair;
    const rogue = await x509.X509CertificateGenerator.create({
      subject: 'CN=ngan-hang.example.vn', issuer: ca.cert.subject, publicKey: keys.publicKey, signingKey: ca.key, signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'ngan-hang.example.vn' }, { type: 'ip', value: '8.8.8.8' }])],
    });
    const work = tempDir();
    writeFileSync(join(work, 'rogue.pem'), rogue.toString('pem'));
    const verify = (file: string): string => {
      try {
        return execFileSync('openssl', ['verify', '-CAfile', tlsPaths(dir).caCert, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        return String((error as { stdout?: string; stderr?: string }).stdout ?? '') + String((error as { stderr?: string }).stderr ?? '');
      }
    };
    expect(verify(tlsPaths(dir).serverCert)).toContain(': OK');
    expect(verify(join(work, 'rogue.pem'))).toMatch(/permitted subtree violation/);
  });

  it('refuses a CA certificate that was changed, a key that is not its own, and half a pair', async () => {
    const dir = join(tempDir(), 'tls');
    const names = hotspot('192.168.43.10');
    await prepareVenueTls({ dir, names });
    const paths = tlsPaths(dir);
    const certPem = readFileSync(paths.caCert, 'utf8');
    const keyPem = readFileSync(paths.caKey, 'utf8');
    // One byte of the signed body changed (inside the base64 of the first line after the header).
    const lines = certPem.split('\n');
    const body = lines[5]!;
    lines[5] = body.slice(0, 10) + (body[10] === 'A' ? 'B' : 'A') + body.slice(11);
    writeFileSync(paths.caCert, lines.join('\n'));
    await expect(prepareVenueTls({ dir, names })).rejects.toBeInstanceOf(TamperedCaError);
    // Another CA's key beside our certificate.
    writeFileSync(paths.caCert, certPem);
    const otherDir = join(tempDir(), 'tls');
    await prepareVenueTls({ dir: otherDir, names });
    writeFileSync(paths.caKey, readFileSync(tlsPaths(otherDir).caKey, 'utf8'));
    await expect(prepareVenueTls({ dir, names })).rejects.toThrow(/does not belong/);
    writeFileSync(paths.caKey, keyPem);
    await expect(prepareVenueTls({ dir, names })).resolves.toMatchObject({ caCreated: false });
    rmSync(paths.caKey);
    await expect(prepareVenueTls({ dir, names })).rejects.toThrow(/only one of/);
    // At start: the server refuses it with the folder named and what to do.
    await expect(openVenue({ HTTPS: '1', TLS_DIR: dir }, { dataDir: tempDir(), httpPort: 8080 })).rejects.toThrow(new RegExp(`${dir}.*delete the folder`));
  });

  it('a folder it cannot write gives a message naming it, and start-up falls back to HTTP with a warning', async () => {
    const base = tempDir();
    writeFileSync(join(base, 'not-a-folder'), 'x');
    const dir = join(base, 'not-a-folder', 'tls');
    await expect(prepareVenueTls({ dir, names: hotspot('192.168.43.10') })).rejects.toBeInstanceOf(TlsFolderError);
    const outcome = await openVenue({ HTTPS: '1', TLS_DIR: dir }, { dataDir: base, httpPort: 8080 });
    expect(outcome.kind).toBe('http');
    if (outcome.kind !== 'http') return;
    expect(outcome.warning).toContain(dir);
    expect(outcome.warning).toContain('localhost');
    expect(outcome.warning).toContain('không ghi được');
  });
});
