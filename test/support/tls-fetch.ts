// fetch() over HTTPS trusting one extra CA (the venue's, or Caddy's internal root), which the
// test process's global fetch cannot do without NODE_EXTRA_CA_CERTS set before it started.
import { request } from 'node:https';
import { Readable } from 'node:stream';
import type { Fetcher } from './sync-session.ts';

/** One request with `ca` as the only trusted root; the body streams (SSE works). */
export function tlsFetch(url: string, init: RequestInit & { ca: string }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? init.body : init.body === undefined || init.body === null ? undefined : undefined;
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      reject(new Error('tlsFetch sends string bodies only'));
      return;
    }
    const req = request(url, { method: init.method ?? 'GET', headers: Object.fromEntries(headers), ca: init.ca }, (res) => {
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const status = res.statusCode ?? 0;
      const noBody = status === 204 || status === 304 || init.method === 'HEAD';
      resolve(new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers: responseHeaders }));
    });
    req.on('error', reject);
    init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A Fetcher (sync-session.ts) for `baseUrl` trusting `ca`. */
export const tlsFetcher = (baseUrl: string, ca: string): Fetcher => (path, init) => tlsFetch(`${baseUrl}${path}`, { ...init, ca });
