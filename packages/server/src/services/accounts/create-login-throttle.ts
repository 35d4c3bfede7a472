/**
 * In-memory sliding-window counters of failed logins, per account and per remote address, so that
 * password guessing is slowed on every protocol alike. A key is throttled while it has at least
 * `max` failures within the last `windowMs`. IPv6 clients are counted per /64 (one site), IPv4-mapped
 * addresses as IPv4. Memory stays bounded: expired keys are swept as the map grows.
 */

export interface LoginThrottleLimits {
  /** Length of the sliding window; default 15 minutes. */
  readonly windowMs: number;
  /** Failures per account within the window before further attempts are refused; default 10. */
  readonly maxFailuresPerAccount: number;
  /** Failures per remote address (IPv6: per /64) within the window; default 50. */
  readonly maxFailuresPerRemoteAddress: number;
}

export const defaultLoginThrottleLimits: LoginThrottleLimits = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 10,
  maxFailuresPerRemoteAddress: 50,
};

export interface LoginThrottle {
  isThrottled(account: string, remoteAddress: string, now: Date): boolean;
  recordFailure(account: string, remoteAddress: string, now: Date): void;
  /** Forgets the account's failures (after a successful login); the address keeps its count. */
  clearAccount(account: string): void;
}

/** Keys kept before expired ones are swept. */
const sweepThreshold = 10_000;

/** Expands an IPv6 address to its eight 16-bit groups, or undefined. */
function ipv6Groups(address: string): string[] | undefined {
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group)) ? groups : undefined;
}

/** The counting key of a remote address: IPv4 as is, IPv6 by its /64 prefix. */
export function remoteAddressKey(remoteAddress: string): string {
  const address = remoteAddress.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!address.includes(':')) return address;
  const groups = ipv6Groups(address);
  return groups === undefined
    ? address
    : `${groups
        .slice(0, 4)
        .map((g) => g.replace(/^0+(?=.)/, ''))
        .join(':')}::/64`;
}

export function createLoginThrottle(limits: Partial<LoginThrottleLimits> = {}): LoginThrottle {
  const { windowMs, maxFailuresPerAccount, maxFailuresPerRemoteAddress } = {
    ...defaultLoginThrottleLimits,
    ...limits,
  };
  const failures = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const times = (failures.get(key) ?? []).filter((time) => time > now - windowMs);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  }

  function sweep(now: number): void {
    for (const [key, times] of failures) {
      if ((times.at(-1) ?? 0) <= now - windowMs) failures.delete(key);
    }
  }

  function add(key: string, now: number, max: number): void {
    // Only the newest `max` failures can matter for the limit.
    const times = [...recent(key, now), now].slice(-max);
    failures.set(key, times);
  }

  const accountKey = (account: string): string => `account:${account.trim().toLowerCase()}`;
  const remoteKey = (address: string): string => `remote:${remoteAddressKey(address)}`;

  return {
    isThrottled(account, remoteAddress, now) {
      const at = now.getTime();
      return (
        recent(accountKey(account), at).length >= maxFailuresPerAccount ||
        recent(remoteKey(remoteAddress), at).length >= maxFailuresPerRemoteAddress
      );
    },

    recordFailure(account, remoteAddress, now) {
      const at = now.getTime();
      if (failures.size >= sweepThreshold) sweep(at);
      add(accountKey(account), at, maxFailuresPerAccount);
      add(remoteKey(remoteAddress), at, maxFailuresPerRemoteAddress);
    },

    clearAccount(account) {
      failures.delete(accountKey(account));
    },
  };
}
