// Reading and writing the venue's key and certificate files: private to the user who runs the
// server (mode 0600 in a 0700 folder), written whole or not at all.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The venue's TLS files in their folder (DATA_DIR/tls by default). */
export interface TlsPaths {
  dir: string;
  caKey: string;
  caCert: string;
  serverKey: string;
  serverCert: string;
}

/** Where each file lives inside the folder. */
export function tlsPaths(dir: string): TlsPaths {
  return {
    dir, caKey: join(dir, 'ca.key.pem'), caCert: join(dir, 'ca.crt.pem'),
    serverKey: join(dir, 'server.key.pem'), serverCert: join(dir, 'server.crt.pem'),
  };
}

/** Raised when the folder cannot be written; the message names the folder. */
export class TlsFolderError extends Error {
  constructor(readonly dir: string, cause: unknown) {
    super(`cannot write the certificate folder ${dir} (${cause instanceof Error ? cause.message : String(cause)}) / `
      + `không ghi được vào thư mục chứng chỉ ${dir}`);
  }
}

/** Makes the folder (0700) or throws TlsFolderError naming it. */
export function ensureTlsFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  } catch (error) {
    throw new TlsFolderError(dir, error);
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a key. */
export function writePrivate(dir: string, file: string, text: string): void {
  try {
    const temp = `${file}.tmp`;
    writeFileSync(temp, text, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch (error) {
    throw new TlsFolderError(dir, error);
  }
}

/** The file's text, or undefined when it does not exist. */
export function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** PEM armour around DER bytes. */
export function toPem(label: string, der: ArrayBuffer | Uint8Array): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
}

/** DER bytes inside one PEM block of that label; throws when there is none. */
export function fromPem(label: string, pem: string): Uint8Array<ArrayBuffer> {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (!match) throw new Error(`no ${label} block`);
  return new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
}
