// The address a link handed to a tablet or a phone carries (pairing QR, share link, poster).
// Never the request's Host header: anyone can send any Host, and a pairing QR pointing at their
// server would hand them the desk. PUBLIC_URL when set, else the address the socket arrived on.
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { TLSSocket } from 'node:tls';
import type { Context } from 'hono';

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.');

/** A LAN address of this machine, for when the coordinator reached it via localhost. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    const found = list?.find((i) => i.family === 'IPv4' && !i.internal);
    if (found) return found.address;
  }
  return undefined;
}

function socketOrigin(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const socket = incoming?.socket;
  if (!socket?.localAddress || !socket.localPort) return undefined;
  let address = socket.localAddress.replace(/^::ffff:/, '');
  if (isLoopback(address)) address = lanAddress() ?? address;
  const host = address.includes(':') ? `[${address}]` : address;
  const scheme = (socket as TLSSocket).encrypted ? 'https' : 'http';
  return `${scheme}://${host}:${socket.localPort}`;
}

/** The origin for links: configured, else this server's own address; in-process tests (no socket) keep the request URL. */
export function publicOrigin(c: Context, publicUrl: string | undefined): string {
  const origin = publicUrl ?? socketOrigin(c) ?? new URL(c.req.url).origin;
  return origin.replace(/\/+$/, '');
}
