/**
 * SMTP sessions kept open per destination and reused for further messages, as Postfix and mox do
 * (decision 0018): a connection, its greeting, EHLO and STARTTLS handshake are paid once, not per
 * message. A destination is a host, port and session settings (TLS policy and trust, EHLO name).
 * At most `maxPerDestination` connections exist per destination; an acquire beyond that waits for
 * one to be released. An idle session is probed with RSET before reuse (RFC 5321 §4.1.1.5: it
 * also clears any transaction state the previous message left) and replaced when the probe fails
 * (unless the caller sends that RSET itself, `probeBeforeReuse: false`);
 * it is closed with QUIT after `idleMs` unused, or when it is older than `maxAgeMs`.
 */
import {
  openSmtpSession,
  SmtpSessionError,
  type SmtpSession,
  type SmtpSessionOptions,
} from './open-smtp-session.ts';

export interface SmtpSessionPoolOptions {
  /** Connections open at most to one destination. */
  readonly maxPerDestination: number;
  /** How long an unused session stays open; 0 closes every session after its message. */
  readonly idleMs: number;
  /** A session older than this is not reused (the peer's certificate or address may change). Default 5 min. */
  readonly maxAgeMs?: number;
  /**
   * Probe an idle session with RSET before handing it out (default true). False: the caller sends
   * that RSET itself, at the head of its next command group (RFC 2920), and asks again when the
   * session turns out to be gone (decision 0054).
   */
  readonly probeBeforeReuse?: boolean;
  /** Opens a new session; default `openSmtpSession`. */
  readonly open?: (options: SmtpSessionOptions) => Promise<SmtpSession>;
}

export interface PooledSession {
  readonly session: SmtpSession;
  /** True when the session served an earlier message. */
  readonly reused: boolean;
  /** Gives the session back: kept for reuse when `reusable` (the last transaction ended cleanly), else closed. */
  release(reusable: boolean): Promise<void>;
}

export interface SmtpSessionPool {
  /** A session to the destination, reused or new; throws `SmtpSessionError` when none could be opened. */
  acquire(options: SmtpSessionOptions): Promise<PooledSession>;
  /** Closes the idle sessions (QUIT) and those in use as they are released; acquiring then fails. */
  close(): Promise<void>;
}

interface Entry {
  readonly session: SmtpSession;
  readonly openedAt: number;
  state: 'busy' | 'idle' | 'gone';
  timer?: NodeJS.Timeout;
}

interface Destination {
  /** Sessions being opened, in use or idle. */
  count: number;
  readonly idle: Entry[];
  readonly waiters: (() => void)[];
}

const probeTimeoutMs = 30_000;

function destinationKey(options: SmtpSessionOptions): string {
  const { host, port, tls, heloName, minTlsVersion, tlsCa } = options;
  return JSON.stringify([host.toLowerCase(), port, tls, heloName, minTlsVersion ?? null, tlsCa ?? []]);
}

export function createSmtpSessionPool(options: SmtpSessionPoolOptions): SmtpSessionPool {
  const open = options.open ?? openSmtpSession;
  const maxAgeMs = options.maxAgeMs ?? 300_000;
  const max = Math.max(1, options.maxPerDestination);
  const probeBeforeReuse = options.probeBeforeReuse ?? true;
  const destinations = new Map<string, Destination>();
  const closing: Promise<void>[] = [];
  let closed = false;

  function wakeOne(key: string, destination: Destination): void {
    const waiter = destination.waiters.shift();
    if (waiter !== undefined) waiter();
    else if (destination.count === 0 && destination.idle.length === 0) destinations.delete(key);
  }

  /** Forgets `entry` (its connection is closed or being closed) and lets a waiter open another. */
  function drop(key: string, destination: Destination, entry: Entry): void {
    if (entry.state === 'gone') return;
    clearTimeout(entry.timer);
    const index = destination.idle.indexOf(entry);
    if (index !== -1) destination.idle.splice(index, 1);
    entry.state = 'gone';
    destination.count--;
    wakeOne(key, destination);
  }

  function quit(entry: Entry): void {
    const done = entry.session.close().catch(() => undefined);
    closing.push(done);
    void done.finally(() => closing.splice(closing.indexOf(done), 1));
  }

  function lease(key: string, destination: Destination, entry: Entry, reused: boolean): PooledSession {
    entry.state = 'busy';
    return {
      session: entry.session,
      reused,
      async release(reusable) {
        if (entry.state !== 'busy') return;
        const keep =
          reusable &&
          !closed &&
          options.idleMs > 0 &&
          entry.session.isOpen() &&
          Date.now() - entry.openedAt < maxAgeMs;
        if (!keep) {
          drop(key, destination, entry);
          await entry.session.close();
          return;
        }
        entry.state = 'idle';
        entry.timer = setTimeout(() => {
          drop(key, destination, entry);
          quit(entry);
        }, options.idleMs);
        entry.timer.unref();
        destination.idle.push(entry);
        wakeOne(key, destination);
      },
    };
  }

  async function probe(session: SmtpSession): Promise<boolean> {
    try {
      return (await session.command('RSET', probeTimeoutMs)).code === 250;
    } catch {
      return false;
    }
  }

  return {
    async acquire(sessionOptions) {
      const key = destinationKey(sessionOptions);
      for (;;) {
        if (closed) throw new SmtpSessionError('the relay is stopping');
        let destination = destinations.get(key);
        if (destination === undefined) {
          destination = { count: 0, idle: [], waiters: [] };
          destinations.set(key, destination);
        }
        // The most recently used first: the likeliest to be still open at the peer.
        const idle = destination.idle.pop();
        if (idle !== undefined) {
          clearTimeout(idle.timer);
          idle.state = 'busy';
          if (idle.session.isOpen() && (!probeBeforeReuse || (await probe(idle.session))))
            return lease(key, destination, idle, true);
          drop(key, destination, idle);
          idle.session.close().catch(() => undefined);
          continue;
        }
        if (destination.count < max) {
          destination.count++;
          let session: SmtpSession;
          try {
            session = await open(sessionOptions);
          } catch (error) {
            destination.count--;
            wakeOne(key, destination);
            throw error;
          }
          const entry: Entry = { session, openedAt: Date.now(), state: 'busy' };
          const owner = destination;
          // A peer closing an idle session (its own idle timeout) frees the slot at once.
          session.onClose(() => {
            if (entry.state === 'idle') drop(key, owner, entry);
          });
          return lease(key, destination, entry, false);
        }
        await new Promise<void>((resolve) => destination.waiters.push(resolve));
      }
    },
    async close() {
      closed = true;
      for (const [key, destination] of [...destinations]) {
        for (const entry of [...destination.idle]) {
          drop(key, destination, entry);
          quit(entry);
        }
        for (const waiter of destination.waiters.splice(0)) waiter();
      }
      await Promise.all([...closing]);
    },
  };
}
