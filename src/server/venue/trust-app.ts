// The plain-HTTP side of a venue server. It serves nothing of the app: only the CA certificate,
// the trust guide (which forwards to HTTPS once the device trusts the CA) and redirects.
import { Hono } from 'hono';
import { caProfile } from './mobileconfig.ts';
import { renderTrustPage, type TrustPageInput } from './trust-page.ts';

/** What the plain-HTTP side needs: the HTTPS port to send people to and the CA to hand out. */
export interface TrustAppOptions extends TrustPageInput {
  caDer: Uint8Array;
}

const isPageNavigation = (path: string, accept: string): boolean =>
  accept.includes('text/html') && !path.startsWith('/api/') && !path.startsWith('/assets/');

/** Builds the plain-HTTP app; it has no store and reads nothing from a request but its path and Host. */
export function createTrustApp(options: TrustAppOptions): Hono {
  const app = new Hono();
  const page = renderTrustPage(options);
  const profile = caProfile(options.caDer);
  // Liveness only, so a probe on the plain port needs no certificate; readiness is on HTTPS.
  app.get('/api/health', (c) => c.json({ ok: true, https: options.httpsPort }));
  app.get('/ca.crt', (c) => {
    c.header('Content-Type', 'application/x-x509-ca-cert');
    c.header('Content-Disposition', 'attachment; filename="diemdanh-ca.crt"');
    return c.body(Buffer.from(options.caDer));
  });
  app.get('/ca.mobileconfig', (c) => {
    c.header('Content-Type', 'application/x-apple-aspen-config; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="diemdanh-ca.mobileconfig"');
    return c.body(profile);
  });
  app.all('*', (c) => {
    const url = new URL(c.req.url);
    if (c.req.method === 'GET' && isPageNavigation(url.pathname, c.req.header('Accept') ?? '')) {
      c.header('Cache-Control', 'no-store');
      return c.html(page);
    }
    return c.redirect(`https://${url.hostname}:${options.httpsPort}${url.pathname}${url.search}`, 308);
  });
  return app;
}
