// The names this machine answers to on a venue's hotspot: what the server certificate must
// cover, and what the local CA is allowed to vouch for (its name constraints).
import { hostname, networkInterfaces } from 'node:os';

/** The names a venue server certificate covers. Sorted, so two lists compare as strings. */
export interface VenueNames {
  dns: string[];
  ips: string[];
}

/** What os.networkInterfaces() gives, reduced to what we read (tests pass their own). */
export type InterfaceList = Record<string, Array<{ family: string | number; address: string; internal: boolean }> | undefined>;

/** A hostname usable as `<name>.local` (mDNS), or undefined when it has no usable letters. */
export function localName(host: string): string | undefined {
  const label = host.toLowerCase().split('.')[0]!.replace(/[^a-z0-9-]/g, '').replace(/^-+|-+$/g, '');
  return label ? `${label}.local` : undefined;
}

/** localhost, 127.0.0.1, every IPv4 of the machine and `<hostname>.local`. */
export function venueNames(options: { interfaces?: InterfaceList; host?: string } = {}): VenueNames {
  const interfaces = options.interfaces ?? (networkInterfaces() as InterfaceList);
  const ips = new Set<string>(['127.0.0.1']);
  for (const list of Object.values(interfaces)) {
    for (const entry of list ?? []) {
      if ((entry.family === 'IPv4' || entry.family === 4) && !entry.address.startsWith('169.254.')) ips.add(entry.address);
    }
  }
  const dns = new Set<string>(['localhost']);
  const local = localName(options.host ?? hostname());
  if (local) dns.add(local);
  return { dns: [...dns].sort(), ips: [...ips].sort(compareIps) };
}

const ipNumber = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const compareIps = (a: string, b: string): number => ipNumber(a) - ipNumber(b);

/** The address a tablet on the hotspot should open: the first non-loopback IPv4, else 127.0.0.1. */
export function lanAddress(names: VenueNames): string {
  return names.ips.find((ip) => !ip.startsWith('127.')) ?? '127.0.0.1';
}

/** Private ranges a hotspot hands out; the CA may vouch for any address inside them. */
const PRIVATE_RANGES: ReadonlyArray<readonly [string, number]> = [
  ['127.0.0.0', 8], ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10],
];

/** The CIDR blocks the CA is constrained to: private ranges, plus any other current address exactly. */
export function permittedIpBlocks(names: VenueNames): string[] {
  const blocks = PRIVATE_RANGES.map(([base, bits]) => `${base}/${bits}`);
  for (const ip of names.ips) if (!ipInBlocks(ip, blocks)) blocks.push(`${ip}/32`);
  return blocks;
}

/** Whether an IPv4 address falls inside one of the CIDR blocks. */
export function ipInBlocks(ip: string, blocks: readonly string[]): boolean {
  const value = ipNumber(ip);
  return blocks.some((block) => {
    const [base, bits] = block.split('/');
    const size = 2 ** (32 - Number(bits));
    const start = Math.floor(ipNumber(base!) / size) * size;
    return value >= start && value < start + size;
  });
}
