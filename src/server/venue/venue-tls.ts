// Everything HTTPS on a LAN needs at start: the CA (made once), a server certificate for the
// machine's names today, and the CA certificate that tablets download to trust it.
import { createHash } from 'node:crypto';
import { loadOrCreateCa } from './ca.ts';
import type { VenueNames } from './addresses.ts';
import { ensureTlsFolder, tlsPaths } from './pem-files.ts';
import { loadOrIssueServerCert, type ServerCertificate } from './server-cert.ts';

/** The TLS material of one start. */
export interface VenueTls {
  server: ServerCertificate;
  /** The CA certificate as tablets download it (DER for .crt, PEM for the mobileconfig). */
  caDer: Uint8Array;
  caPem: string;
  /** SHA-256 of the CA certificate, hex pairs, for a volunteer to compare on the device. */
  caFingerprint: string;
  caCreated: boolean;
  /** The names and address blocks the CA may vouch for (the trust page lists them). */
  permitted: { dns: string[]; ipBlocks: string[] };
  /** The folder the files live in. */
  dir: string;
}

/** Loads or makes the CA and the server certificate in `dir`; throws TlsFolderError or TamperedCaError. */
export async function prepareVenueTls(options: { dir: string; names: VenueNames; now?: Date }): Promise<VenueTls> {
  const now = options.now ?? new Date();
  const paths = tlsPaths(options.dir);
  ensureTlsFolder(paths.dir);
  const ca = await loadOrCreateCa(paths, options.names, now);
  const server = await loadOrIssueServerCert(paths, ca, options.names, now);
  const caDer = new Uint8Array(ca.cert.rawData);
  const caFingerprint = createHash('sha256').update(caDer).digest('hex').toUpperCase().match(/../g)!.join(':');
  return { server, caDer, caPem: ca.cert.toString('pem') + '\n', caFingerprint, caCreated: ca.created, permitted: ca.permitted, dir: paths.dir };
}
