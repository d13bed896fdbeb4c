// The plain-HTTP side of a venue server: the trust guide for a page visit, the CA as .crt and as
// an Apple profile, and a redirect to HTTPS for everything else. It never serves the app itself.
import { describe, expect, it } from 'vitest';
import { createTrustApp } from '../../../src/server/venue/trust-app.ts';

const caDer = new Uint8Array([0x30, 0x82, 0x01, 0x0a, 1, 2, 3, 4, 5]);
const app = createTrustApp({
  httpsPort: 8443, caDer, fingerprint: 'AB:CD',
  permitted: { dns: ['laptop.local', 'localhost'], ipBlocks: ['192.168.0.0/16', '10.0.0.0/8'] },
});
const html = { headers: { Accept: 'text/html,application/xhtml+xml' } };

describe('the venue trust app on plain HTTP', () => {
  it('answers a page visit with the trust guide in Vietnamese and English, naming what the CA is limited to', async () => {
    for (const path of ['/', '/coordinator', '/unit']) {
      const response = await app.request(`http://192.168.43.10:8080${path}`, html);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const page = await response.text();
      expect(page).toContain('data-port="8443"');
      expect(page).toContain('Cài đặt → Cài đặt chung → Giới thiệu → Cài đặt tin cậy chứng nhận');
      expect(page).toContain('Certificate Trust Settings');
      expect(page).toContain('Chứng chỉ CA');
      expect(page).toContain('laptop.local, localhost, 192.168.0.0/16, 10.0.0.0/8');
      expect(page).toContain('AB:CD');
    }
  });

  it('hands out the CA as a .crt and as a .mobileconfig holding the same bytes', async () => {
    const crt = await app.request('http://192.168.43.10:8080/ca.crt');
    expect(crt.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    expect(new Uint8Array(await crt.arrayBuffer())).toEqual(caDer);
    const profile = await app.request('http://192.168.43.10:8080/ca.mobileconfig');
    expect(profile.headers.get('content-type')).toContain('application/x-apple-aspen-config');
    const plist = await profile.text();
    expect(plist).toContain('<string>com.apple.security.root</string>');
    expect(plist.replace(/\s/g, '')).toContain(Buffer.from(caDer).toString('base64'));
  });

  it('redirects API calls and files to the same path on HTTPS, and answers liveness itself', async () => {
    const push = await app.request('http://192.168.43.10:8080/api/events/1/facts?x=1', { method: 'POST', body: '{}' });
    expect(push.status).toBe(308);
    expect(push.headers.get('location')).toBe('https://192.168.43.10:8443/api/events/1/facts?x=1');
    const asset = await app.request('http://192.168.43.10:8080/assets/app.js', html);
    expect(asset.headers.get('location')).toBe('https://192.168.43.10:8443/assets/app.js');
    const health = await app.request('http://192.168.43.10:8080/api/health');
    expect(await health.json()).toEqual({ ok: true, https: 8443 });
  });
});
