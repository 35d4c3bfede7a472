/**
 * The login throttle shared by every protocol: slows password guessing without letting a stranger
 * lock a holder out. Failures are counted (in a LoginThrottleStore, shared by all nodes when it is
 * the SQL one) under three keys:
 * - the remote address (IPv6 per /64, one site; IPv4-mapped as IPv4), across all boxes;
 * - the box and the remote address: the usual guesser, slowed soonest;
 * - the box across all addresses, with a much higher threshold, which never applies to an address
 *   that logged in to that box successfully in the last `knownAddressMs` (the holder's own
 *   networks and devices), so that wrong passwords from elsewhere never shut the holder out.
 * Each key allows `freeFailures`; after that, every further attempt is refused until the last
 * failure plus a delay that doubles with each failure (`baseDelayMs`, 2×, 4×, …) up to `maxDelayMs`.
 * Refused attempts are not checked and not counted, so hammering does not extend the delay. A key
 * quiet for `forgetAfterMs` starts over. A success forgets the box-and-address counter and marks the
 * address as known for the box.
 */
import type { LoginThrottleCounter, LoginThrottleStore } from '../../ports/login-throttle-store.ts';

/** How one key is slowed. */
export interface ThrottleRule {
  /** Failures allowed before attempts are delayed. */
  readonly freeFailures: number;
  /** Delay after the first failure beyond the free ones; doubles with each further failure. */
  readonly baseDelayMs: number;
  /** Longest delay. */
  readonly maxDelayMs: number;
}

export interface LoginThrottleLimits {
  /** Per remote address, across boxes (a NAT may hide many holders: keep it generous). */
  readonly perAddress: ThrottleRule;
  /** Per box and remote address. */
  readonly perBoxAndAddress: ThrottleRule;
  /** Per box across addresses; never applies to the box's known addresses. */
  readonly perBox: ThrottleRule;
  /** A counter without failures for this long starts over. */
  readonly forgetAfterMs: number;
  /** How long an address stays known to a box after a successful login there. */
  readonly knownAddressMs: number;
}

/** Settings as given by callers: any rule or field may be left to its default. */
export type LoginThrottleSettings = {
  readonly [K in keyof LoginThrottleLimits]?: LoginThrottleLimits[K] extends ThrottleRule
    ? Partial<ThrottleRule>
    : LoginThrottleLimits[K];
};

const minute = 60 * 1000;

export const defaultLoginThrottleLimits: LoginThrottleLimits = {
  perAddress: { freeFailures: 50, baseDelayMs: 5 * 1000, maxDelayMs: 60 * minute },
  perBoxAndAddress: { freeFailures: 5, baseDelayMs: 5 * 1000, maxDelayMs: 15 * minute },
  perBox: { freeFailures: 200, baseDelayMs: 5 * 1000, maxDelayMs: 15 * minute },
  forgetAfterMs: 24 * 60 * minute,
  knownAddressMs: 90 * 24 * 60 * minute,
};

export function resolveLoginThrottleLimits(settings: LoginThrottleSettings = {}): LoginThrottleLimits {
  const d = defaultLoginThrottleLimits;
  return {
    perAddress: { ...d.perAddress, ...settings.perAddress },
    perBoxAndAddress: { ...d.perBoxAndAddress, ...settings.perBoxAndAddress },
    perBox: { ...d.perBox, ...settings.perBox },
    forgetAfterMs: settings.forgetAfterMs ?? d.forgetAfterMs,
    knownAddressMs: settings.knownAddressMs ?? d.knownAddressMs,
  };
}

export interface LoginThrottle {
  /** Whether an attempt on `box` from `remoteAddress` must be refused now, unchecked. */
  isThrottled(box: string, remoteAddress: string, now: Date): Promise<boolean>;
  recordFailure(box: string, remoteAddress: string, now: Date): Promise<void>;
  /** Forgets the box-and-address failures and remembers the address as known to the box. */
  recordSuccess(box: string, remoteAddress: string, now: Date): Promise<void>;
  /** Deletes counters and known addresses that no longer matter at `now`; returns how many. */
  purgeStale(now: Date): Promise<number>;
}

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

/** The moment until which `counter` holds attempts back under `rule`; 0 when it does not. */
export function throttledUntil(
  counter: LoginThrottleCounter | undefined,
  rule: ThrottleRule,
  forgetAfterMs: number,
  now: Date,
): number {
  if (counter === undefined) return 0;
  const last = counter.lastAt.getTime();
  if (last <= now.getTime() - forgetAfterMs) return 0;
  const excess = counter.failures - rule.freeFailures;
  if (excess <= 0) return 0;
  // 2^(excess-1) overflows to Infinity harmlessly before min() caps it.
  return last + Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** (excess - 1));
}

export function createLoginThrottle(
  store: LoginThrottleStore,
  settings: LoginThrottleSettings = {},
): LoginThrottle {
  const limits = resolveLoginThrottleLimits(settings);

  function keys(box: string, remoteAddress: string) {
    const name = box.trim().toLowerCase();
    const remote = remoteAddressKey(remoteAddress);
    return {
      address: `address:${remote}`,
      boxAndAddress: `box-address:${name} ${remote}`,
      box: `box:${name}`,
      known: `known:${name} ${remote}`,
    };
  }

  return {
    async isThrottled(box, remoteAddress, now) {
      const k = keys(box, remoteAddress);
      const counters = await store.read([k.address, k.boxAndAddress, k.box, k.known]);
      const until = (key: string, rule: ThrottleRule): number =>
        throttledUntil(counters.get(key), rule, limits.forgetAfterMs, now);
      const at = now.getTime();
      if (until(k.address, limits.perAddress) > at) return true;
      if (until(k.boxAndAddress, limits.perBoxAndAddress) > at) return true;
      const known = counters.get(k.known);
      const isKnown = known !== undefined && known.lastAt.getTime() > at - limits.knownAddressMs;
      return !isKnown && until(k.box, limits.perBox) > at;
    },

    async recordFailure(box, remoteAddress, now) {
      const k = keys(box, remoteAddress);
      await store.increment(
        [k.address, k.boxAndAddress, k.box],
        now,
        new Date(now.getTime() - limits.forgetAfterMs),
      );
    },

    async recordSuccess(box, remoteAddress, now) {
      const k = keys(box, remoteAddress);
      await store.remove([k.boxAndAddress]);
      // A counter restarted at every success: its time says when the address was last seen.
      await store.increment([k.known], now, now);
    },

    purgeStale(now) {
      return store.purge(new Date(now.getTime() - Math.max(limits.forgetAfterMs, limits.knownAddressMs)));
    },
  };
}
