/**
 * Counts concurrent connections per key (remote address, account) against a maximum, so one client
 * or one leaked password cannot hold every slot (as Dovecot's
 * mail_max_userip_connections). A slot is held until its release function runs; releasing twice is harmless.
 */

export interface ConnectionLimiter {
  /** Takes a slot for `key`; returns its release function, or null when `key` is at the maximum. */
  acquire(key: string): (() => void) | null;
  count(key: string): number;
}

export function createConnectionLimiter(max: number): ConnectionLimiter {
  const counts = new Map<string, number>();
  return {
    acquire(key) {
      const current = counts.get(key) ?? 0;
      if (current >= max) return null;
      counts.set(key, current + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left <= 0) counts.delete(key);
        else counts.set(key, left);
      };
    },
    count: (key) => counts.get(key) ?? 0,
  };
}
