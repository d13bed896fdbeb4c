// What the console says about HTTPS at start, and the small JSON the coordinator screen reads
// to show the tablets' QR (GET /api/venue).
import QRCode from 'qrcode';
import { VenueInfo } from '../../shared/venue.ts';
import type { Venue } from './open-venue.ts';

/** The console lines; on the first start (a new CA) with the tablets' QR drawn in text. */
export async function venueAnnouncement(venue: Venue): Promise<string> {
  const { tls, httpsPort, names, trustUrl } = venue;
  const lines = [
    `Điểm danh: HTTPS on https://${names.ips.find((ip) => !ip.startsWith('127.')) ?? 'localhost'}:${httpsPort} `
      + `(${[...names.dns, ...names.ips].join(', ')}; certificates in ${tls.dir}${tls.server.issued ? ', server certificate issued now' : ''})`,
    `Tablets / máy tính bảng: open ${trustUrl} (trust the venue CA once, then it forwards to HTTPS)`,
    `CA fingerprint (SHA-256): ${tls.caFingerprint}`,
  ];
  if (tls.server.outside.length > 0) {
    lines.push(`Warning: ${tls.server.outside.join(', ')} are outside the CA's name constraints and not in the certificate; `
      + `delete ${tls.dir} to make a new CA for them (every tablet must then trust it again).`);
  }
  if (tls.caCreated) lines.push(await QRCode.toString(trustUrl, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }));
  return lines.join('\n');
}

/** A fetch handler that answers GET /api/venue and hands everything else to the app. */
export function withVenueInfo<E>(fetch: (request: Request, env: E) => Response | Promise<Response>, venue: Venue) {
  const body = JSON.stringify(VenueInfo.parse({ trustUrl: venue.trustUrl, httpsPort: venue.httpsPort, caFingerprint: venue.tls.caFingerprint }));
  return (request: Request, env: E): Response | Promise<Response> => {
    if (request.method === 'GET' && new URL(request.url).pathname === '/api/venue') {
      return new Response(body, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
    }
    return fetch(request, env);
  };
}
