// The rule for a machine without PostgreSQL: the PostgreSQL suites skip on a developer's machine
// but fail under CI, so a CI that forgot to install it cannot pass by skipping them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../support/server.ts';

/** Runs pgForTests() in a child that can find no PostgreSQL at all. */
function withoutPostgres(env: Record<string, string>) {
  const clusterModule = pathToFileURL(join(PROJECT_ROOT, 'test/support/pg-cluster.ts')).href;
  const script = `const m = await import('${clusterModule}'); const s = await m.pgForTests(); console.log(s === undefined ? 'skip' : 'found');`;
  const { PG_TEST_URL: _url, CI: _ci, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...rest, PATH: '/nonexistent', DD_PG_ROOT: '/nonexistent', ...env },
  });
}

describe('PostgreSQL missing', () => {
  it('skips without CI and fails with a clear message under CI', () => {
    const local = withoutPostgres({});
    expect(local.status, local.stderr).toBe(0);
    expect(local.stdout.trim()).toBe('skip');
    const ci = withoutPostgres({ CI: 'true' });
    expect(ci.status).not.toBe(0);
    expect(ci.stderr).toMatch(/CI is set but PostgreSQL is missing/);
  }, 30_000);
});
