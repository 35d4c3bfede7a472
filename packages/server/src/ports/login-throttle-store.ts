/**
 * Port for the counters behind the login throttle (services/accounts/create-login-throttle.ts):
 * per key, how many failures and when the last one was. Keys are opaque to the store (the throttle
 * names them after a remote address, a box, or both). Every node of a cluster must see the same
 * counters, so that failed logins on one node count on all: the SQL adapter (storage/sql, table
 * `login_throttle`) does that; the in-memory adapter (storage/memory) serves one process.
 * Increments are atomic: concurrent failures on several nodes are all counted.
 */

export interface LoginThrottleCounter {
  readonly failures: number;
  readonly lastAt: Date;
}

export interface LoginThrottleStore {
  /** The counters of the keys that have one. */
  read(keys: readonly string[]): Promise<Map<string, LoginThrottleCounter>>;
  /**
   * Adds one to each key's counter and sets its time to `at`; a counter last touched before
   * `restartBefore` starts again from one (so `restartBefore = at` sets it to one).
   */
  increment(keys: readonly string[], at: Date, restartBefore: Date): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  /** Deletes the counters last touched before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}
