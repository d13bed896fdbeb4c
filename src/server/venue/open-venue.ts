// HTTPS=1 at start: the TLS material for a venue laptop, or the reason it could not be made.
// A folder that cannot be written leaves the server on HTTP with a warning; a changed CA file
// stops the start, since serving with a CA nobody made would teach tablets to trust anything.
import { join } from 'node:path';
import { lanAddress, venueNames, type VenueNames } from './addresses.ts';
import { TamperedCaError } from './ca.ts';
import { TlsFolderError } from './pem-files.ts';
import { prepareVenueTls, type VenueTls } from './venue-tls.ts';

/** HTTPS on a LAN, ready to serve. */
export interface Venue {
  tls: VenueTls;
  names: VenueNames;
  httpsPort: number;
  /** The plain-HTTP address tablets open first: the trust guide, then HTTPS. */
  trustUrl: string;
}

/** What start-up decided: HTTPS, or plain HTTP with the warning to print. */
export type VenueOutcome = { kind: 'https'; venue: Venue } | { kind: 'http'; warning: string };

/** Whether the environment asks for HTTPS (HTTPS=1, true or yes). */
export const wantsHttps = (env: NodeJS.ProcessEnv): boolean => /^(1|true|yes)$/i.test(env['HTTPS'] ?? '');

/** The HTTPS port: HTTPS_PORT, 8443 by default; throws for anything that is not a port. */
export function httpsPortOf(env: NodeJS.ProcessEnv): number {
  const port = Number(env['HTTPS_PORT'] ?? 8443);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`HTTPS_PORT must be a port number, got "${env['HTTPS_PORT']}"`);
  return port;
}

/** Prepares HTTPS from DATA_DIR/tls (or TLS_DIR); rethrows TamperedCaError, turns TlsFolderError into a warning. */
export async function openVenue(env: NodeJS.ProcessEnv, options: { dataDir: string; httpPort: number }): Promise<VenueOutcome> {
  const dir = env['TLS_DIR'] || join(options.dataDir, 'tls');
  const names = venueNames();
  try {
    const tls = await prepareVenueTls({ dir, names });
    const httpsPort = httpsPortOf(env);
    return { kind: 'https', venue: { tls, names, httpsPort, trustUrl: `http://${lanAddress(names)}:${options.httpPort}/` } };
  } catch (error) {
    if (error instanceof TlsFolderError) {
      return { kind: 'http', warning: `${error.message}. Serving plain HTTP only: tablets' cameras will work only on http://localhost. / Chỉ chạy HTTP: camera chỉ dùng được qua localhost.` };
    }
    if (error instanceof TamperedCaError) {
      throw new TamperedCaError(`the venue CA in ${dir} was changed and is refused: ${error.message}. `
        + `Restore the files from a backup, or delete the folder to make a new CA (every tablet must then trust it again). `
        + `/ Chứng chỉ gốc trong ${dir} đã bị thay đổi nên bị từ chối.`);
    }
    throw error;
  }
}
