/**
 * The coordination ports of this process, chosen from `storage.kind`: with the embedded SQLite
 * storage one process owns the data, so the change bus and the locks are in-process; with
 * PostgreSQL they are LISTEN/NOTIFY and advisory locks, so that N identical nodes on one database
 * hear each other's mailbox changes and queued jobs and share mailbox locks. Also the node's
 * identity (`node.id`, default the host name), which names its outbox leases.
 */
import { hostname } from 'node:os';
import type { Config } from '../config/config-schema.ts';
import { createInProcessChangeBus } from '../coordination/in-process-change-bus.ts';
import { createInProcessLocks } from '../coordination/in-process-locks.ts';
import type { ChangeBus } from '../ports/change-bus.ts';
import type { HeldLock, Locks } from '../ports/locks.ts';
import type { QueueStore } from '../ports/queue-store.ts';

export interface Coordination {
  /** This node's name; the outbox lease owner. */
  readonly nodeId: string;
  readonly bus: ChangeBus;
  readonly locks: Locks;
  close(): Promise<void>;
}

export interface CoordinationOptions {
  /** Connection problems of the PostgreSQL adapters (they reconnect by themselves). */
  readonly onError?: (error: unknown) => void;
}

export function createInProcessCoordination(nodeId: string): Coordination {
  const bus = createInProcessChangeBus();
  const locks = createInProcessLocks();
  return {
    nodeId,
    bus,
    locks,
    async close() {
      await Promise.all([bus.close(), locks.close()]);
    },
  };
}

/** The settings coordination reads. */
export interface CoordinationSettings {
  readonly storage: Pick<Config['storage'], 'kind' | 'postgresUrl'>;
  readonly node: Config['node'];
}

export async function openCoordination(
  config: CoordinationSettings,
  options: CoordinationOptions = {},
): Promise<Coordination> {
  const nodeId = config.node.id ?? hostname();
  const url = config.storage.postgresUrl;
  if (config.storage.kind !== 'postgres' || url === undefined) return createInProcessCoordination(nodeId);
  const onError = options.onError ?? (() => undefined);
  // Loaded on demand: an embedded provider never loads the PostgreSQL driver.
  const [{ openPostgresChangeBus }, { openPostgresLocks }] = await Promise.all([
    import('../coordination/postgres-change-bus.ts'),
    import('../coordination/postgres-locks.ts'),
  ]);
  const bus = await openPostgresChangeBus({ url, onError });
  const locks = await openPostgresLocks({ url, onError }).catch(async (error: unknown) => {
    await bus.close();
    throw error;
  });
  return {
    nodeId,
    bus,
    locks,
    async close() {
      await Promise.all([bus.close(), locks.close()]);
    },
  };
}

// Contexts built without coordination (tests, tools) get an in-process one, the same for every caller.
const fallbacks = new WeakMap<object, Coordination>();

/** The context's coordination, or one in-process coordination per context named like a lone worker. */
export function coordinationOf(ctx: { readonly coordination?: Coordination }): Coordination {
  if (ctx.coordination !== undefined) return ctx.coordination;
  let fallback = fallbacks.get(ctx);
  if (fallback === undefined) {
    fallback = createInProcessCoordination(`${hostname()}:${process.pid}`);
    fallbacks.set(ctx, fallback);
  }
  return fallback;
}

/**
 * Claims this node's identity for as long as it serves (a second node with the same `node.id`
 * cannot start) and then takes back the jobs its previous run held when it stopped, so they run at
 * once instead of after their leases expire. Release the returned lock when the node stops.
 */
export async function takeNodeIdentity(
  coordination: Coordination,
  queue: Pick<QueueStore, 'releaseLeasesOf'>,
): Promise<HeldLock> {
  const lock = await coordination.locks.tryAcquire(`node:${coordination.nodeId}`);
  if (lock === undefined) {
    throw new Error(
      `node.id "${coordination.nodeId}" is used by another running node; give each node its own`,
    );
  }
  try {
    await queue.releaseLeasesOf(coordination.nodeId);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return lock;
}
