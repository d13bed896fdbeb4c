// The server certificate the HTTPS port presents: signed by the venue CA for every name the
// machine has now. A new hotspot gives new addresses, so each start compares and re-issues.
import { X509Certificate as NodeCertificate, createPrivateKey, webcrypto } from 'node:crypto';
import { x509 } from './x509.ts';
import { ipInBlocks, type VenueNames } from './addresses.ts';
import { KEY_ALGORITHM, SIGNING_ALGORITHM, type VenueCa } from './ca.ts';
import { readIfExists, toPem, writePrivate, type TlsPaths } from './pem-files.ts';

/** Browsers refuse server certificates valid for more than 398 days. */
const VALID_DAYS = 397;
/** Re-issued when fewer days than this are left. */
const RENEW_DAYS = 30;
const DAY_MS = 86_400_000;

/** What Node's TLS server needs, and what happened at this start. */
export interface ServerCertificate {
  keyPem: string;
  certPem: string;
  /** The names the certificate covers. */
  names: VenueNames;
  /** Names the machine has that the CA may not vouch for (left out, with a warning). */
  outside: string[];
  issued: boolean;
}

/** The machine's names that the CA's constraints allow, and those they do not. */
export function coveredNames(ca: VenueCa, names: VenueNames): { names: VenueNames; outside: string[] } {
  const dnsOk = (name: string) => ca.permitted.dns.some((base) => name === base || name.endsWith(`.${base}`));
  const ipsOk = (ip: string) => ipInBlocks(ip, ca.permitted.ipBlocks);
  return {
    names: { dns: names.dns.filter(dnsOk), ips: names.ips.filter(ipsOk) },
    outside: [...names.dns.filter((n) => !dnsOk(n)), ...names.ips.filter((ip) => !ipsOk(ip))],
  };
}

const sanKey = (names: VenueNames): string => JSON.stringify([[...names.dns].sort(), [...names.ips].sort()]);

function sanOf(cert: NodeCertificate): VenueNames {
  const entries = (cert.subjectAltName ?? '').split(', ').filter(Boolean);
  return {
    dns: entries.filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4)),
    ips: entries.filter((e) => e.startsWith('IP Address:')).map((e) => e.slice(11)),
  };
}

/** The kept certificate when it still fits: same names, signed by this CA, its key, not near expiry. */
function reusable(paths: TlsPaths, ca: VenueCa, names: VenueNames, now: Date): { keyPem: string; certPem: string } | undefined {
  const keyPem = readIfExists(paths.serverKey);
  const certPem = readIfExists(paths.serverCert);
  if (keyPem === undefined || certPem === undefined) return undefined;
  try {
    const cert = new NodeCertificate(certPem);
    const caCert = new NodeCertificate(ca.cert.toString('pem'));
    if (!cert.verify(caCert.publicKey) || !cert.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_DAYS * DAY_MS) return undefined;
    return sanKey(sanOf(cert)) === sanKey(names) ? { keyPem, certPem } : undefined;
  } catch {
    return undefined; // unreadable: issue a fresh one, nothing else depends on it
  }
}

async function issue(paths: TlsPaths, ca: VenueCa, names: VenueNames, now: Date): Promise<{ keyPem: string; certPem: string }> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${names.dns.find((n) => n !== 'localhost') ?? 'localhost'}`,
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - 60 * 60_000),
    notAfter: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    publicKey: keys.publicKey, signingKey: ca.key, signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const certPem = cert.toString('pem') + '\n';
  writePrivate(paths.dir, paths.serverKey, keyPem);
  writePrivate(paths.dir, paths.serverCert, certPem);
  return { keyPem, certPem };
}

/** The kept server certificate if it still covers exactly these names, else a new one. */
export async function loadOrIssueServerCert(paths: TlsPaths, ca: VenueCa, machineNames: VenueNames, now: Date): Promise<ServerCertificate> {
  const { names, outside } = coveredNames(ca, machineNames);
  const kept = reusable(paths, ca, names, now);
  if (kept) return { ...kept, names, outside, issued: false };
  return { ...(await issue(paths, ca, names, now)), names, outside, issued: true };
}
