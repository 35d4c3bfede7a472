/**
 * Admission of new connections to a listener, shared by the SMTP, IMAP, POP3 and HTTP listeners:
 * concurrent connections are counted per remote address (IPv4 /32, IPv6 /64), per IPv4 /24 and in
 * all, so that one host (or one small network) cannot take every slot and shut out the other
 * providers and the holders: the per-address cap sits well below the global one. A slot is held
 * until its release function runs; releasing twice is harmless. The deadlines that go with it
 * (TLS handshake, first command) are applied by each listener.
 */
import { remoteAddressKey } from '../services/accounts/create-login-throttle.ts';

export interface ConnectionGuardSettings {
  /** Concurrent connections from one address: an IPv4 address, or an IPv6 /64. */
  readonly maxPerAddress: number;
  /** Concurrent connections from one IPv4 /24 (IPv6 counts per /64 already). */
  readonly maxPerNetwork: number;
  /** Concurrent connections in all. */
  readonly maxTotal: number;
  /** Deadline of the TLS handshake on an implicit-TLS port (RFC 8314), in ms. */
  readonly tlsHandshakeTimeoutMs: number;
  /** Deadline from the greeting to the first command of a session not yet authenticated, in ms. */
  readonly firstCommandTimeoutMs: number;
}

export const defaultConnectionGuardSettings: ConnectionGuardSettings = {
  maxPerAddress: 20,
  maxPerNetwork: 60,
  maxTotal: 500,
  tlsHandshakeTimeoutMs: 10_000,
  firstCommandTimeoutMs: 30_000,
};

/** Which count a refused connection would have exceeded. */
export type ConnectionScope = 'address' | 'network' | 'server';

export type Admission =
  | { readonly admitted: true; release(): void }
  | { readonly admitted: false; readonly scope: ConnectionScope };

export interface ConnectionGuard {
  /** Takes a slot for a connection from `remoteAddress`, or says which cap it would exceed. */
  admit(remoteAddress: string): Admission;
  readonly settings: ConnectionGuardSettings;
  /** Connections holding a slot. */
  readonly total: number;
}

/** The IPv4 /24 of an address key, or undefined for IPv6 (already counted per /64). */
function networkKey(addressKey: string): string | undefined {
  const match = /^(\d+\.\d+\.\d+)\.\d+$/.exec(addressKey);
  return match?.[1] === undefined ? undefined : `${match[1]}.0/24`;
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left <= 0) counts.delete(key);
  else counts.set(key, left);
}

export function createConnectionGuard(settings: ConnectionGuardSettings): ConnectionGuard {
  const perAddress = new Map<string, number>();
  const perNetwork = new Map<string, number>();
  let total = 0;
  return {
    settings,
    admit(remoteAddress) {
      const address = remoteAddressKey(remoteAddress);
      const network = networkKey(address);
      if ((perAddress.get(address) ?? 0) >= settings.maxPerAddress)
        return { admitted: false, scope: 'address' };
      if (network !== undefined && (perNetwork.get(network) ?? 0) >= settings.maxPerNetwork) {
        return { admitted: false, scope: 'network' };
      }
      if (total >= settings.maxTotal) return { admitted: false, scope: 'server' };
      perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      if (network !== undefined) perNetwork.set(network, (perNetwork.get(network) ?? 0) + 1);
      total += 1;
      let released = false;
      return {
        admitted: true,
        release() {
          if (released) return;
          released = true;
          total -= 1;
          decrement(perAddress, address);
          if (network !== undefined) decrement(perNetwork, network);
        },
      };
    },
    get total() {
      return total;
    },
  };
}
