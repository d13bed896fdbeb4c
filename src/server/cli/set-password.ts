// `npm run set-password -- <username> [--password <pw>]`: sets (or resets) a coordinator's
// password in the server's store (DATA_DIR's file, or DATABASE_URL's PostgreSQL), for venues
// where nobody can open the setup link.
// Without --password the password is read from the first line of stdin (a prompt on a terminal).
import { createInterface } from 'node:readline/promises';
import { pathToFileURL } from 'node:url';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../http/auth-secrets.ts';
import { openStoreFromEnv } from '../store/open-store.ts';
import type { AccountStore } from '../store/store.ts';

/** Hashes and stores the password, creating the account if needed; its old sessions end. */
export async function setCoordinatorPassword(store: AccountStore, args: { username: string; password: string; now: number }): Promise<void> {
  if (args.password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const { hash, salt } = await hashPassword(args.password);
  await store.setPassword(args.username, hash, salt, args.now);
}

function parseArgs(argv: readonly string[]): { username?: string; password?: string } {
  const args: { username?: string; password?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--password') args.password = argv[++i];
    else if (arg.startsWith('--password=')) args.password = arg.slice('--password='.length);
    else if (!arg.startsWith('--')) args.username ??= arg;
  }
  return args;
}

async function readPassword(): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stdout : undefined, terminal: false });
  if (process.stdin.isTTY) process.stdout.write('Mật khẩu mới / new password: ');
  for await (const line of lines) {
    lines.close();
    return line.replace(/\r$/, '');
  }
  return '';
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const username = args.username;
  if (!username) {
    console.error('usage: npm run set-password -- <username> [--password <password>]   (DATA_DIR or DATABASE_URL as for the server)');
    process.exit(2);
  }
  const password = args.password ?? (await readPassword());
  let opened: Awaited<ReturnType<typeof openStoreFromEnv>> | undefined;
  try {
    opened = await openStoreFromEnv(process.env);
    await setCoordinatorPassword(opened.store, { username, password, now: Date.now() });
    console.log(`Điểm danh: password set for "${username}" (${opened.where}); sign in at /api/login or the setup screen.`);
  } catch (error) {
    console.error(`Điểm danh: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await opened?.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
