/**
 * CIDR blocks of a sign-in allow-list (decision 0027): parsing the holder's text into canonical
 * form (host bits cleared, IPv6 compressed as the WHATWG URL parser writes it) and testing a remote address against the
 * list with node:net's BlockList. IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`, what a dual-stack
 * socket reports) are tested as the IPv4 address they carry.
 */
import { BlockList, isIP } from 'node:net';

export const maximumNetworks = 20;

/** The canonical `address/prefix` of a CIDR text (a bare address is a /32 or /128), or undefined. */
export function canonicalCidr(text: string): string | undefined {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const family = isIP(address);
  if (family === 0) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits || (family === 4 ? prefix < 8 : prefix < 16)) return undefined;
  const network = family === 4 ? maskIpv4(address, prefix) : maskIpv6(address, prefix);
  return `${network}/${String(prefix)}`;
}

function maskIpv4(address: string, prefix: number): string {
  const value = address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const size = 2 ** (32 - prefix);
  const masked = Math.floor(value / size) * size;
  return [24, 16, 8, 0].map((shift) => String(Math.floor(masked / 2 ** shift) % 256)).join('.');
}

function maskIpv6(address: string, prefix: number): string {
  const [head = '', tail] = ipv6Text(address).split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right].map((g) =>
    parseInt(g, 16),
  );
  const masked = groups.map((group, i) => {
    const keep = Math.max(0, Math.min(16, prefix - i * 16));
    return keep === 16 ? group : keep === 0 ? 0 : group & (0xffff << (16 - keep)) & 0xffff;
  });
  return ipv6Text(masked.map((g) => g.toString(16)).join(':'));
}

/** An IPv6 address in its shortest lower-case text (RFC 5952), by the URL parser. */
function ipv6Text(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** Whether `remoteAddress` is inside one of the canonical blocks; an empty list allows everyone. */
export function isAllowedNetwork(remoteAddress: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  const address = remoteAddress.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  const tested = mapped ?? address;
  const family = isIP(tested);
  if (family === 0) return false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefix = ''] = cidr.split('/');
    const networkFamily = isIP(network);
    if (networkFamily !== 0) list.addSubnet(network, Number(prefix), networkFamily === 4 ? 'ipv4' : 'ipv6');
  }
  return list.check(tested, family === 4 ? 'ipv4' : 'ipv6');
}
