// The venue's own certificate authority: made once, kept in the data folder, its private key
// never leaves it. Name constraints limit it to this server's names and private addresses, so a
// tablet that trusts it cannot be fooled about any site on the internet.
import { webcrypto } from 'node:crypto';
import { x509 } from './x509.ts';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, NameConstraints, id_ce_nameConstraints } from '@peculiar/asn1-x509';
import { permittedIpBlocks, type VenueNames } from './addresses.ts';
import { fromPem, readIfExists, toPem, writePrivate, type TlsPaths } from './pem-files.ts';

/** ECDSA P-256: every browser and phone OS accepts it, and keys are made in milliseconds. */
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** ECDSA with SHA-256, for the CA's and the server certificate's signatures. */
export const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
const CA_YEARS = 10;

/** The loaded CA: its certificate, and its key for signing server certificates only. */
export interface VenueCa {
  cert: x509.X509Certificate;
  key: webcrypto.CryptoKey;
  /** The names and address blocks it may vouch for (read back from its own extension). */
  permitted: { dns: string[]; ipBlocks: string[] };
  /** True when this start made it (the console then prints the tablets' QR). */
  created: boolean;
}

/** Raised for a CA file that is not the one this server made; the server refuses to start with it. */
export class TamperedCaError extends Error {}

const subtle = webcrypto.subtle;

function nameConstraints(names: VenueNames): x509.Extension {
  const subtrees = [
    ...names.dns.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
    ...permittedIpBlocks(names).map((iPAddress) => new GeneralSubtree({ base: new GeneralName({ iPAddress }) })),
  ];
  const value = AsnConvert.serialize(new NameConstraints({ permittedSubtrees: new GeneralSubtrees(subtrees) }));
  return new x509.Extension(id_ce_nameConstraints, true, value);
}

function readPermitted(cert: x509.X509Certificate): VenueCa['permitted'] {
  const ext = cert.getExtension(id_ce_nameConstraints);
  if (!ext) throw new TamperedCaError('the CA has no name constraints');
  const parsed = AsnConvert.parse(ext.value, NameConstraints);
  const bases = (parsed.permittedSubtrees ?? []).map((subtree) => subtree.base);
  return {
    dns: bases.flatMap((base) => (base.dNSName ? [base.dNSName] : [])),
    ipBlocks: bases.flatMap((base) => (base.iPAddress ? [base.iPAddress] : [])),
  };
}

async function createCa(paths: TlsPaths, names: VenueNames, now: Date): Promise<VenueCa> {
  const keys = await subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']) as webcrypto.CryptoKeyPair;
  const notAfter = new Date(now);
  notAfter.setFullYear(notAfter.getFullYear() + CA_YEARS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=Điểm danh venue CA (${names.dns.join(', ')}), O=Điểm danh`,
    notBefore: new Date(now.getTime() - 60 * 60_000), notAfter, keys, signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      nameConstraints(names),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await subtle.exportKey('pkcs8', keys.privateKey);
  // The key first: a certificate without its key would be refused as tampered at the next start.
  writePrivate(paths.dir, paths.caKey, toPem('PRIVATE KEY', pkcs8));
  writePrivate(paths.dir, paths.caCert, cert.toString('pem') + '\n');
  const key = await subtle.importKey('pkcs8', pkcs8, KEY_ALGORITHM, false, ['sign']);
  return { cert, key, permitted: readPermitted(cert), created: true };
}

/** Checks that the certificate signs itself, is a CA, and that the key on disk is its key. */
async function loadCa(keyPem: string, certPem: string): Promise<VenueCa> {
  let cert: x509.X509Certificate;
  let key: webcrypto.CryptoKey;
  try {
    cert = new x509.X509Certificate(fromPem('CERTIFICATE', certPem));
    key = await subtle.importKey('pkcs8', fromPem('PRIVATE KEY', keyPem), KEY_ALGORITHM, false, ['sign']);
  } catch (error) {
    throw new TamperedCaError(`the CA files cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!(await cert.verify({ signatureOnly: true }))) throw new TamperedCaError('the CA certificate does not carry its own valid signature');
  if (!cert.getExtension(x509.BasicConstraintsExtension)?.ca) throw new TamperedCaError('the CA certificate is not a CA');
  const challenge = webcrypto.getRandomValues(new Uint8Array(32));
  const signature = await subtle.sign(SIGNING_ALGORITHM, key, challenge);
  const publicKey = await cert.publicKey.export(KEY_ALGORITHM, ['verify']);
  if (!(await subtle.verify(SIGNING_ALGORITHM, publicKey, signature, challenge))) {
    throw new TamperedCaError('the CA key does not belong to the CA certificate');
  }
  return { cert, key, permitted: readPermitted(cert), created: false };
}

/** Loads the CA from the folder, or makes one when there is none; a half pair or a changed file is refused. */
export async function loadOrCreateCa(paths: TlsPaths, names: VenueNames, now: Date): Promise<VenueCa> {
  const keyPem = readIfExists(paths.caKey);
  const certPem = readIfExists(paths.caCert);
  if (keyPem === undefined && certPem === undefined) return createCa(paths, names, now);
  if (keyPem === undefined || certPem === undefined) {
    throw new TamperedCaError(`only one of ${paths.caKey} and ${paths.caCert} exists`);
  }
  return loadCa(keyPem, certPem);
}
