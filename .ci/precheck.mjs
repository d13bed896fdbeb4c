// `npm test` starts here: it installs nothing, and when a tool the suites need is missing it
// stops at once with the one apt-get line that brings it (or `bash .ci/run`, which does it all),
// instead of a wall of Chromium launch errors.
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const onPath = (command) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
const postgresBin = () => {
  if (onPath('initdb') && onPath('pg_ctl')) return true;
  try {
    return readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
  } catch {
    return false;
  }
};

/** Each need: the Debian package, whether it is there, and what uses it. */
const needs = [
  ['chromium', existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), 'end-to-end tests (set CHROMIUM_PATH for another binary)'],
  ['ffmpeg', onPath('ffmpeg'), 'the fake camera videos'],
  ['fonts-noto-core', existsSync('/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf'), 'Vietnamese text in screenshots and badges'],
  ['libreoffice-calc-nogui', onPath('soffice'), 'the spreadsheet round trip of the reports'],
  ['libnss3-tools', onPath('certutil'), 'the venue HTTPS test (a throw-away NSS database trusting the venue CA)'],
  ['caddy', onPath('caddy'), 'the README Caddy recipe test'],
  ['openssl', onPath('openssl'), 'the venue CA name-constraint check'],
  ['qrencode', onPath('qrencode'), 'codes drawn by an independent encoder for the decoder tests'],
  ['imagemagick', existsSync('/usr/bin/convert'), 'the hard camera set of the benchmark'],
];
// PostgreSQL suites are skipped without it, except under CI (or with PG_TEST_URL pointing at one).
needs.push(['postgresql', Boolean(process.env.PG_TEST_URL) || postgresBin(), 'the PostgreSQL suites']);

const missing = needs.filter(([, present]) => !present);
const required = missing.filter(([pkg]) => pkg !== 'postgresql' || process.env.CI);
for (const [pkg, , why] of missing) console.error(`npm test: missing ${pkg} (${why})`);
if (missing.some(([pkg]) => pkg === 'postgresql') && !process.env.CI) console.error('npm test: the PostgreSQL suites will be skipped.');
if (required.length > 0) {
  console.error(`\nInstall them with:\n  sudo apt-get install -y ${missing.map(([pkg]) => pkg).join(' ')}\nor run everything, installs included, with:\n  bash .ci/run`);
  process.exit(1);
}
