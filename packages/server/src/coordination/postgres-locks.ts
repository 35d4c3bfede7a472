/**
 * The Locks of nodes sharing one PostgreSQL database: session-level advisory locks
 * (`pg_try_advisory_lock` on the 64-bit `hashtextextended` of the namespaced name) taken on one
 * dedicated connection per process, held until released or until the process dies (PostgreSQL ends
 * the session and frees its locks, so a `kill -9` leaves nothing locked). Advisory locks are
 * re-entrant within a session, so this process's own holders are kept apart by a local set first.
 * When the connection is lost the locks are gone on the server; the connection is reopened on the
 * next acquisition, and `onError` tells the operator.
 */
import pg from 'pg';
import type { HeldLock, Locks } from '../ports/locks.ts';

export interface PostgresLocksOptions {
  /** Connection URL, e.g. `postgres://pec@db.internal:5432/pec`. */
  readonly url: string;
  /** Prefix of the hashed lock names (installations sharing a database differ); default `pec`. */
  readonly namespace?: string;
  /** The connection was lost (its locks with it); default ignored. */
  readonly onError?: (error: unknown) => void;
}

export async function openPostgresLocks(options: PostgresLocksOptions): Promise<Locks> {
  const namespace = options.namespace ?? 'pec';
  const report = options.onError ?? (() => undefined);
  const held = new Set<string>();
  let closed = false;
  let connection: Promise<pg.Client> | undefined;

  function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: options.url });
    const opened = client.connect().then(() => client);
    const lost = (error?: unknown): void => {
      if (connection !== opened) return;
      connection = undefined;
      if (error !== undefined && !closed) report(error);
      void client.end().catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', () => {
      lost();
    });
    opened.catch(() => {
      lost();
    });
    connection = opened;
    return opened;
  }

  await connect();

  const key = (name: string): string => `${namespace}:${name}`;

  return {
    async tryAcquire(name) {
      if (closed) throw new Error('the locks are closed');
      if (held.has(name)) return undefined;
      held.add(name);
      let client: pg.Client;
      try {
        client = await (connection ?? connect());
        const result = await client.query<{ ok: boolean }>(
          'select pg_try_advisory_lock(hashtextextended($1, 0)) as ok',
          [key(name)],
        );
        if (result.rows[0]?.ok !== true) {
          held.delete(name);
          return undefined;
        }
      } catch (error) {
        held.delete(name);
        throw error;
      }
      const taken = connection;
      let released = false;
      const lock: HeldLock = {
        name,
        async release() {
          if (released) return;
          released = true;
          // At once: a later acquisition here queues its query behind this unlock on the same connection.
          held.delete(name);
          // A lost connection already freed the lock on the server.
          if (!closed && connection === taken) {
            await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key(name)]);
          }
        },
      };
      return lock;
    },
    async close() {
      if (closed) return;
      closed = true;
      held.clear();
      const current = connection;
      connection = undefined;
      const client = await current?.catch(() => undefined);
      await client?.end().catch(() => undefined);
    },
  };
}
