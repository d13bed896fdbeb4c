// HTTPS=1 as the server process meets it: a changed CA file stops the start with the folder named;
// a certificate folder it cannot write leaves the server on plain HTTP with a warning.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../support/server.ts';

const running: RunningServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('starting with HTTPS=1', () => {
  it('refuses to start with a CA certificate that was changed, and says which folder', async () => {
    const first = await startServer({ https: true });
    const dataDir = first.dataDir;
    dirs.push(dataDir);
    await first.stop();
    const caFile = join(dataDir, 'tls', 'ca.crt.pem');
    const other = mkdtempSync(join(tmpdir(), 'dd-other-ca-'));
    dirs.push(other);
    const second = await startServer({ https: true, dataDir: other });
    await second.stop();
    writeFileSync(caFile, readFileSync(join(other, 'tls', 'ca.crt.pem'), 'utf8')); // another CA's certificate beside our key
    const error = await startServer({ https: true, dataDir }).then(() => undefined, (e: unknown) => String(e));
    expect(error).toContain('server exited (1)');
    expect(error).toContain(`the venue CA in ${join(dataDir, 'tls')} was changed and is refused`);
  }, 90_000);

  it('serves plain HTTP with a warning naming the folder when it cannot write the certificates', async () => {
    const base = mkdtempSync(join(tmpdir(), 'dd-no-tls-'));
    dirs.push(base);
    writeFileSync(join(base, 'file'), 'x');
    const tlsDir = join(base, 'file', 'tls');
    const server = await startServer({ env: { HTTPS: '1', TLS_DIR: tlsDir } });
    running.push(server);
    expect(server.output()).toContain(`cannot write the certificate folder ${tlsDir}`);
    expect(server.output()).toContain('cameras will work only on http://localhost');
    const events = await fetch(`${server.url}/api/events`);
    expect(events.status).toBe(200);
  }, 60_000);
});
