/**
 * What an adapter's test hands to the coordination contract suites: two "nodes" on one backend.
 * With the in-process adapters both nodes are the same object (one process is the whole cluster);
 * with PostgreSQL they are separate connections, as two processes would have.
 */
import type { ChangeBus } from '../ports/change-bus.ts';
import type { Locks } from '../ports/locks.ts';

export interface CoordinationNodes<T> {
  readonly first: T;
  readonly second: T;
  /** Closes both (idempotent on shared objects). */
  close(): Promise<void>;
}

export interface CoordinationHarness {
  /** True when `first` and `second` are distinct nodes that can be closed one at a time. */
  readonly separateNodes: boolean;
  openBuses(): Promise<CoordinationNodes<ChangeBus>>;
  openLocks(): Promise<CoordinationNodes<Locks>>;
}

/** Opens two nodes, runs `fn`, closes them even when `fn` throws. */
export async function withNodes<T, R>(
  open: () => Promise<CoordinationNodes<T>>,
  fn: (first: T, second: T) => Promise<R>,
): Promise<R> {
  const nodes = await open();
  try {
    return await fn(nodes.first, nodes.second);
  } finally {
    await nodes.close();
  }
}

/** Resolves with the first `count` payloads `bus` hears on `channel` (the caller's test timeout bounds the wait). */
export function collect(
  bus: ChangeBus,
  channel: string,
  count: number,
): { heard: string[]; done: Promise<string[]> } {
  const heard: string[] = [];
  let resolve: (value: string[]) => void = () => undefined;
  const done = new Promise<string[]>((ok) => {
    resolve = ok;
  });
  const stop = bus.subscribe(channel, (payload) => {
    heard.push(payload);
    if (heard.length === count) {
      stop();
      resolve(heard);
    }
  });
  return { heard, done };
}
