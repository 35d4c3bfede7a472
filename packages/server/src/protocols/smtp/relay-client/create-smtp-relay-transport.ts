/**
 * The RelayTransport adapter: one SMTP transaction per `send` (RFC 5321 §3.3), every recipient's
 * reply read; commands one at a time, or as one group when the peer announces PIPELINING (RFC 2920). The bytes go out unchanged apart from dot-stuffing
 * (pec-spec §12 pitfall 2); MAIL FROM and RCPT TO are exactly the request's (pec-spec §2.2 step 8,
 * §12 pitfall 4). Outcomes: 2xx after the data → accepted; 4xx, no reply or a broken connection
 * → temporary; 5xx → permanent. A connection lost after the data but before its reply is
 * reported temporary, so the message may arrive twice (decision 0006: at-least-once relay). With
 * `pool`, sessions are kept per destination and reused (create-smtp-session-pool.ts, decision 0018).
 */
import type {
  RecipientOutcome,
  RecipientOutcomeKind,
  RelayAttempt,
  RelayRequest,
  RelayTransport,
} from '../../../ports/relay-transport.ts';
import { encodeSmtpData } from './encode-smtp-data.ts';
import {
  createSmtpSessionPool,
  type PooledSession,
  type SmtpSessionPoolOptions,
} from './create-smtp-session-pool.ts';
import {
  openSmtpSession,
  SmtpSessionError,
  type SmtpSession,
  type SmtpSessionOptions,
} from './open-smtp-session.ts';
import { renderSmtpReply, type SmtpReply } from './read-smtp-replies.ts';

export interface SmtpRelayTransportOptions {
  /** Name announced in EHLO when the request does not give one: this provider's host name. */
  readonly heloName: string;
  readonly minTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Default 30 s. */
  readonly connectTimeoutMs?: number;
  /** Greeting and each command before the data. Default 5 min (RFC 5321 §4.5.3.2). */
  readonly replyTimeoutMs?: number;
  /** Reply to the end of the data. Default 10 min (RFC 5321 §4.5.3.2). */
  readonly dataTimeoutMs?: number;
  /** Keep sessions per destination and reuse them; default: one session per message. */
  readonly pool?: SmtpSessionPoolOptions;
}

/** The SMTP relay transport; `close` ends the sessions it keeps open. */
export interface SmtpRelayTransport extends RelayTransport {
  close(): Promise<void>;
}

/** One new session per message, closed after it. */
async function acquireFresh(options: SmtpSessionOptions): Promise<PooledSession> {
  const session = await openSmtpSession(options);
  return {
    session,
    reused: false,
    release: () => session.close(),
  };
}

function outcomeOf(code: number): RecipientOutcomeKind {
  if (code >= 200 && code < 300) return 'accepted';
  return code >= 500 && code < 600 ? 'permanent' : 'temporary';
}

function fromReply(address: string, reply: SmtpReply): RecipientOutcome {
  return {
    address,
    outcome: outcomeOf(reply.code),
    code: reply.code,
    enhancedCode: reply.enhancedCode,
    text: renderSmtpReply(reply),
  };
}

function temporary(address: string, text: string, reply: SmtpReply | null = null): RecipientOutcome {
  return {
    address,
    outcome: 'temporary',
    code: reply?.code ?? null,
    enhancedCode: reply?.enhancedCode ?? null,
    text,
  };
}

function hasEightBitBytes(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte > 0x7f);
}

function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** MAIL FROM with the SIZE, BODY and SMTPUTF8 parameters the peer supports (RFC 1870, 6152, 6531). */
function mailFromCommand(session: SmtpSession, request: RelayRequest): string {
  const params: string[] = [];
  if (session.extensions.has('SIZE')) params.push(`SIZE=${request.bytes.length}`);
  if (session.extensions.has('8BITMIME') && hasEightBitBytes(request.bytes)) params.push('BODY=8BITMIME');
  const addresses = [request.mailFrom, ...request.rcptTo];
  if (session.extensions.has('SMTPUTF8') && !addresses.every(isAscii)) params.push('SMTPUTF8');
  return [`MAIL FROM:<${request.mailFrom}>`, ...params].join(' ');
}

/** The peer's SIZE limit when the message exceeds it (RFC 1870). */
function sizeLimitExceeded(session: SmtpSession, size: number): number | undefined {
  const limit = Number(session.extensions.get('SIZE') ?? '0');
  return Number.isSafeInteger(limit) && limit > 0 && size > limit ? limit : undefined;
}

/** A reused session that did not answer the RSET opening its transaction: nothing was sent on it. */
const stale = 'stale';

/**
 * One transaction on `session`. With `reset` (a reused session) it starts with RSET (RFC 5321
 * §4.1.1.5), which also proves the peer still listens; `stale` when it does not answer 250, before
 * anything else of the message was decided. When the peer announces PIPELINING (RFC 2920 §3.1), RSET,
 * MAIL FROM, every RCPT TO and DATA go out as one command group and their replies are read in order:
 * one round trip instead of one per command (decision 0054). The content still goes only after a 354.
 */
async function transact(
  session: SmtpSession,
  request: RelayRequest,
  decided: Map<string, RecipientOutcome>,
  dataTimeoutMs: number,
  reset: boolean,
): Promise<typeof stale | undefined> {
  const decideAll = (make: (address: string) => RecipientOutcome): void => {
    for (const address of request.rcptTo) if (!decided.has(address)) decided.set(address, make(address));
  };
  const limit = sizeLimitExceeded(session, request.bytes.length);
  if (limit !== undefined) {
    const text = `552 5.3.4 message of ${request.bytes.length} bytes exceeds the peer's limit of ${limit}`;
    decideAll((address) => ({ address, outcome: 'permanent', code: 552, enhancedCode: '5.3.4', text }));
    return undefined;
  }
  const mailFrom = mailFromCommand(session, request);
  const rcptTo = request.rcptTo.map((address) => `RCPT TO:<${address}>`);
  const pipelining = session.extensions.has('PIPELINING');
  if (pipelining) session.writeLines([...(reset ? ['RSET'] : []), mailFrom, ...rcptTo, 'DATA']);
  const next = (line: string): Promise<SmtpReply> => (pipelining ? session.reply() : session.command(line));
  if (reset) {
    const probe = await next('RSET').catch(() => undefined);
    if (probe?.code !== 250) {
      // Whatever the peer makes of the rest of the group, no content follows and the session is closed.
      if (pipelining) throw new StaleSessionError();
      return stale;
    }
  }
  const mail = await next(mailFrom);
  const waiting: string[] = [];
  if (mail.code === 250 || pipelining) {
    for (const [i, address] of request.rcptTo.entries()) {
      const reply = await next(rcptTo[i] ?? '');
      if (mail.code !== 250) continue;
      if (reply.code === 250 || reply.code === 251) waiting.push(address);
      else decided.set(address, fromReply(address, reply));
    }
  }
  // Not pipelined, DATA is sent only when a recipient was accepted, as before.
  const data = pipelining || waiting.length > 0 ? await next('DATA') : undefined;
  if (mail.code !== 250) decideAll((address) => fromReply(address, mail));
  if (data?.code === 354 && waiting.length === 0) {
    // A peer that opened the data without a recipient (RFC 2920 §3.1 asks it to refuse): close the
    // connection instead of sending anything, which drops the transaction.
    throw new Error(`DATA answered 354 without an accepted recipient`);
  }
  if (mail.code !== 250) return undefined;
  if (waiting.length === 0) {
    await session.command('RSET').catch(() => undefined);
    return undefined;
  }
  if (data === undefined || data.code !== 354) {
    decideAll((address) =>
      data !== undefined && data.code >= 400
        ? fromReply(address, data)
        : temporary(
            address,
            `unexpected reply to DATA: ${data === undefined ? 'none' : renderSmtpReply(data)}`,
            data ?? null,
          ),
    );
    return undefined;
  }
  const final = await session.sendRaw(encodeSmtpData(request.bytes), dataTimeoutMs);
  decideAll((address) => fromReply(address, final));
  return undefined;
}

/** A pipelined group whose RSET failed: the session is dropped and the message goes down another. */
class StaleSessionError extends Error {
  constructor() {
    super('the kept session did not answer RSET');
    this.name = 'StaleSessionError';
  }
}

export function createSmtpRelayTransport(options: SmtpRelayTransportOptions): SmtpRelayTransport {
  const connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
  const replyTimeoutMs = options.replyTimeoutMs ?? 300_000;
  const dataTimeoutMs = options.dataTimeoutMs ?? 600_000;
  const pool =
    options.pool === undefined
      ? undefined
      : createSmtpSessionPool({ ...options.pool, probeBeforeReuse: false });
  const acquire = pool === undefined ? acquireFresh : (o: SmtpSessionOptions) => pool.acquire(o);
  return {
    close: async () => {
      await pool?.close();
    },
    async send(request): Promise<RelayAttempt> {
      const ordered = (
        decided: ReadonlyMap<string, RecipientOutcome>,
        fallback: string,
      ): RecipientOutcome[] =>
        request.rcptTo.map((address) => decided.get(address) ?? temporary(address, fallback));
      // A reused session found gone at the RSET that opens its transaction is dropped and the
      // message goes down another one: a new session is not reset, so this ends (the pool holds
      // finitely many idle sessions, and each stale one is closed).
      for (;;) {
        let pooled: PooledSession;
        try {
          pooled = await acquire({
            host: request.host,
            port: request.port,
            heloName: request.heloName ?? options.heloName,
            tls: request.tls,
            ...(request.tlsCa === undefined ? {} : { tlsCa: request.tlsCa }),
            ...(options.minTlsVersion === undefined ? {} : { minTlsVersion: options.minTlsVersion }),
            connectTimeoutMs,
            replyTimeoutMs,
          });
        } catch (error) {
          const reply = error instanceof SmtpSessionError ? error.reply : null;
          const text = `${request.host}:${request.port}: ${error instanceof Error ? error.message : String(error)}`;
          return {
            transacted: false,
            encrypted: false,
            recipients: request.rcptTo.map((address) => temporary(address, text, reply)),
          };
        }
        const { session } = pooled;
        const decided = new Map<string, RecipientOutcome>();
        // Reusable only after a transaction that ended with a reply: no broken connection, no timeout.
        let clean = false;
        try {
          // With a pool, sessions are reset by the transaction itself (`probeBeforeReuse: false`).
          const outcome = await transact(session, request, decided, dataTimeoutMs, pooled.reused);
          if (outcome === stale) continue;
          clean = true;
          return { transacted: true, encrypted: session.encrypted, recipients: ordered(decided, 'no reply') };
        } catch (error) {
          if (error instanceof StaleSessionError) continue;
          const text = `${request.host}:${request.port}: ${error instanceof Error ? error.message : String(error)}`;
          return { transacted: true, encrypted: session.encrypted, recipients: ordered(decided, text) };
        } finally {
          await pooled.release(clean);
        }
      }
    },
  };
}
