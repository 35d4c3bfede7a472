/**
 * The ChangeBus of nodes sharing one PostgreSQL database: `LISTEN` on one dedicated connection per
 * process, `NOTIFY` (pg_notify) right after the writer's commit through a one-connection pool, so a
 * process's hints leave in the order it published them. Subscribers in this process hear their own
 * process's publishes synchronously (as with the in-process bus); the echo coming back from
 * PostgreSQL is recognised by the publisher's origin tag and dropped, so each hint is heard once.
 * A lost listening connection is reopened with exponential backoff and every channel is listened to
 * again; hints published while it was down are missed (the port's best-effort promise).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { checkChangeMessage, type ChangeBus } from '../ports/change-bus.ts';
import { createInProcessChangeBus } from './in-process-change-bus.ts';

export interface PostgresChangeBusOptions {
  /** Connection URL, e.g. `postgres://pec@db.internal:5432/pec`. */
  readonly url: string;
  /** Prefix of the PostgreSQL channel names (installations sharing a database differ); default `pec`. */
  readonly namespace?: string;
  /** First pause before reopening a lost listening connection, doubled up to `maxReconnectMs`. Default 100. */
  readonly reconnectMs?: number;
  /** Default 5000. */
  readonly maxReconnectMs?: number;
  /** Connection failures (the bus keeps trying); default ignored. */
  readonly onError?: (error: unknown) => void;
  /** A local listener threw; default ignored. */
  readonly onListenerError?: (error: unknown) => void;
}

export async function openPostgresChangeBus(options: PostgresChangeBusOptions): Promise<ChangeBus> {
  const namespace = options.namespace ?? 'pec';
  if (!/^[a-z][a-z0-9_]{0,15}$/.test(namespace)) throw new Error(`not a change bus namespace: ${namespace}`);
  const report = options.onError ?? (() => undefined);
  const firstPause = options.reconnectMs ?? 100;
  const maxPause = options.maxReconnectMs ?? 5000;
  // Tags this process's notifications so that their echo is dropped.
  const origin = randomBytes(6).toString('hex');
  const prefix = `${namespace}_`;
  const pgChannel = (channel: string): string => `${prefix}${channel}`;

  let closed = false;
  let client: pg.Client | undefined;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  /** LISTEN/UNLISTEN and (re)connections run one after the other on this chain. */
  let work: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>): void => {
    work = work.then(step).catch((error: unknown) => {
      report(error);
    });
  };

  const local = createInProcessChangeBus({
    ...(options.onListenerError === undefined ? {} : { onListenerError: options.onListenerError }),
    onChannelsChanged(channel, listening) {
      enqueue(async () => {
        if (client === undefined) return; // the reconnection listens to every channel
        await client.query(`${listening ? 'LISTEN' : 'UNLISTEN'} "${pgChannel(channel)}"`);
      });
    },
  });

  function onNotification(message: pg.Notification): void {
    if (!message.channel.startsWith(prefix) || message.payload === undefined) return;
    const space = message.payload.indexOf(' ');
    if (space < 0 || message.payload.slice(0, space) === origin) return;
    local.deliver(message.channel.slice(prefix.length), message.payload.slice(space + 1));
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url });
    next.on('notification', onNotification);
    // 'error' comes before 'end' on a broken connection; either means the listener is gone.
    const lost = (error?: unknown): void => {
      if (client !== next) return;
      client = undefined;
      if (error !== undefined) report(error);
      next.removeAllListeners('notification');
      void next.end().catch(() => undefined);
      scheduleReconnect();
    };
    next.on('error', lost);
    next.on('end', () => {
      lost();
    });
    await next.connect();
    if (closed) {
      await next.end();
      return;
    }
    for (const channel of local.channels()) await next.query(`LISTEN "${pgChannel(channel)}"`);
    client = next;
    failures = 0;
  }

  function scheduleReconnect(): void {
    if (closed || retry !== undefined) return;
    const pause = Math.min(maxPause, firstPause * 2 ** Math.min(failures, 20));
    failures += 1;
    retry = setTimeout(() => {
      retry = undefined;
      enqueue(async () => {
        if (closed || client !== undefined) return;
        try {
          await connect();
        } catch (error) {
          report(error);
          scheduleReconnect();
        }
      });
    }, pause);
  }

  await connect();
  const publisher = new pg.Pool({ connectionString: options.url, max: 1 });
  publisher.on('error', report);

  return {
    async publish(channel, payload) {
      checkChangeMessage(channel, payload);
      if (closed) throw new Error('the change bus is closed');
      local.deliver(channel, payload);
      await publisher.query('select pg_notify($1, $2)', [pgChannel(channel), `${origin} ${payload}`]);
    },
    subscribe(channel, listener) {
      return local.subscribe(channel, listener);
    },
    settled() {
      return work;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(retry);
      await local.close();
      await work;
      const last = client;
      client = undefined;
      await Promise.all([last?.end().catch(() => undefined), publisher.end()]);
    },
  };
}
