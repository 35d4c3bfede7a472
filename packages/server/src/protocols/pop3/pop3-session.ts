/**
 * One POP3 connection (RFC 1939): reads lines, dispatches them to the command table by state, and
 * owns the transport (STLS upgrade, RFC 2595 §4), the idle autologout (RFC 1939 §3), backpressure
 * for pipelined commands (RFC 2449 §6.6) and the limits against broken clients. Losing the
 * connection, an autologout or a shutdown never enters the UPDATE state: marks are forgotten and
 * the maildrop is only unlocked.
 */
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { Maildrop } from '../../services/maildrop/maildrop.ts';
import type { Refusal } from '../../services/refusal/refusal.ts';
import { pop3Capabilities } from './capabilities.ts';
import type { Pop3CommandContext, Pop3State } from './command-descriptor.ts';
import { pop3Commands } from './command-table.ts';
import { createPop3LineReader } from './grammar/pop3-line-reader.ts';
import { parsePop3Command } from './grammar/parse-pop3-command.ts';
import {
  renderContinuation,
  renderErr,
  renderMultilineBody,
  renderOk,
  type Pop3ResponseCode,
} from './grammar/pop3-response.ts';
import type { Pop3Limits } from './pop3-limits.ts';
import type { Pop3Services } from './pop3-services.ts';
import { refusalResponse } from './refusal-response.ts';
import type { EventLog } from '../../ports/event-log.ts';
import { observeLogins } from '../observe-logins.ts';
import { reportNetworkError } from '../report-network-error.ts';

export interface Pop3SessionOptions {
  readonly socket: Socket;
  /** True on the implicit TLS listener (the socket is a TLSSocket after its handshake). */
  readonly secure: boolean;
  /** TLS material for STLS; undefined disables it. */
  readonly secureContext: SecureContext | undefined;
  readonly services: Pop3Services;
  readonly limits: Pop3Limits;
  /** Bound to this session (`session`, `protocol`, `remoteAddress`). */
  readonly events: EventLog;
  /** Text of the `+OK` greeting. */
  readonly greeting: string;
  readonly onClose: () => void;
}

export interface Pop3Session {
  /** Tells the client why (as `-ERR [SYS/TEMP]`), then closes; the maildrop is only unlocked. */
  shutdown(refusal: Refusal): void;
}

type Incoming = Buffer | 'too-long';

/** Pipelined lines held before reading pauses. */
const maxQueuedLines = 64;

export function startPop3Session(options: Pop3SessionOptions): Pop3Session {
  const { limits, events } = options;
  // Logins of this session are reported with its id.
  const services: Pop3Services = {
    ...options.services,
    authenticator: observeLogins(options.services.authenticator, events),
  };
  const log = {
    error: (where: string, error: unknown) => {
      events.emit({ event: 'error.unexpected', where, error });
    },
  };
  const raw = options.socket;
  let socket: Socket = raw;
  let secure = options.secure;
  let state: Pop3State = 'authorization';
  let maildrop: Maildrop | undefined;
  let pendingUser: string | undefined;
  let closed = false;
  let closeAfter = false;
  let tlsAfter = false;
  let authFailures = 0;
  let badCommands = 0;
  const queue: Incoming[] = [];
  let wake: (() => void) | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const remoteAddress = raw.remoteAddress ?? 'unknown';

  const reader = createPop3LineReader({
    maxLineBytes: limits.maxLineBytes,
    onLine: (line) => {
      enqueue(line);
    },
    onTooLong: () => {
      enqueue('too-long');
    },
  });

  function enqueue(item: Incoming): void {
    queue.push(item);
    if (queue.length >= maxQueuedLines) socket.pause();
    wake?.();
  }

  function onData(chunk: Buffer): void {
    armIdleTimer();
    reader.push(chunk);
  }

  async function next(): Promise<Incoming | null> {
    while (queue.length === 0 && !closed) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    if (closed) return null;
    const item = queue.shift() ?? null;
    if (queue.length < maxQueuedLines / 4 && socket.isPaused()) socket.resume();
    return item;
  }

  function write(bytes: Buffer): boolean {
    if (closed || socket.destroyed) return true;
    return socket.write(bytes);
  }

  function armIdleTimer(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      write(renderErr('Autologout; idle for too long'));
      end();
    }, limits.idleTimeoutMs);
    idleTimer.unref();
  }

  function end(): void {
    if (closed) return;
    socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
    finish();
  }

  function finish(): void {
    if (closed) return;
    closed = true;
    clearTimeout(idleTimer);
    if (state === 'transaction') maildrop?.release();
    wake?.();
    options.onClose();
  }

  const ctx: Pop3CommandContext = {
    get state() {
      return state;
    },
    get secure() {
      return secure;
    },
    get canStartTls() {
      return !secure && options.secureContext !== undefined;
    },
    remoteAddress,
    services,
    get maildrop() {
      return maildrop;
    },
    get pendingUser() {
      return pendingUser;
    },
    setPendingUser(name) {
      pendingUser = name;
    },
    ok(text) {
      write(renderOk(text));
    },
    err(text, code?: Pop3ResponseCode) {
      write(renderErr(text, code));
    },
    refuse(refusal) {
      write(refusalResponse(refusal));
    },
    async multiline(status, body) {
      write(renderOk(status));
      if (!write(renderMultilineBody(body)) && !closed) await drained();
    },
    async readLine(challenge) {
      write(renderContinuation(challenge));
      const item = await next();
      if (item === null) return null;
      return item === 'too-long' ? '' : item.toString('utf8');
    },
    startTlsAfterReply() {
      tlsAfter = true;
    },
    enterTransaction(opened) {
      maildrop = opened;
      pendingUser = undefined;
      state = 'transaction';
    },
    enterUpdate() {
      state = 'update';
    },
    async authenticationFailed() {
      authFailures += 1;
      if (authFailures >= limits.maxAuthFailures) closeAfter = true;
      if (limits.authFailureDelayMs > 0)
        await new Promise((resolve) => setTimeout(resolve, limits.authFailureDelayMs));
    },
    closeAfterReply() {
      closeAfter = true;
    },
    capabilities() {
      return pop3Capabilities({ secure, canStartTls: !secure && options.secureContext !== undefined });
    },
  };

  async function drained(): Promise<void> {
    await Promise.race([once(socket, 'drain'), once(socket, 'close')]);
  }

  function badCommand(text: string): void {
    badCommands += 1;
    if (badCommands >= limits.maxBadCommands) {
      write(renderErr('Too many bad commands, closing connection'));
      closeAfter = true;
      return;
    }
    write(renderErr(text));
  }

  async function handle(item: Incoming): Promise<void> {
    if (item === 'too-long') {
      badCommand('Line too long');
      return;
    }
    const parsed = parsePop3Command(item);
    const descriptor = parsed.ok ? pop3Commands.get(parsed.command.keyword) : undefined;
    if (!parsed.ok || descriptor === undefined) {
      badCommand('Unknown command');
      return;
    }
    if (!descriptor.states.includes(state)) {
      badCommand(`${descriptor.keyword} is not valid in this state`);
      return;
    }
    events.emit({ event: 'command.handled', command: descriptor.keyword });
    try {
      await descriptor.run(ctx, parsed.command);
    } catch (error) {
      log.error(`POP3 ${descriptor.keyword} failed`, error);
      ctx.refuse({ reason: 'internal-error' });
    }
  }

  async function startTls(): Promise<void> {
    const context = options.secureContext;
    if (context === undefined) return;
    socket.removeListener('data', onData);
    // Whatever the client sent after STLS was sent in the clear: drop it (RFC 2595 §4, CVE-2011-0411).
    reader.reset();
    queue.length = 0;
    const upgraded = new TLSSocket(socket, { isServer: true, secureContext: context });
    upgraded.on('error', (error) => {
      reportNetworkError(events, 'pop3 STLS', error);
      upgraded.destroy();
    });
    upgraded.on('close', finish);
    const timer = setTimeout(() => upgraded.destroy(), limits.handshakeTimeoutMs);
    // A failed or abandoned handshake is the client's problem: the connection just ends.
    const handshake = await new Promise<boolean>((resolve) => {
      upgraded.once('secure', () => {
        resolve(true);
      });
      upgraded.once('close', () => {
        resolve(false);
      });
      raw.once('close', () => {
        resolve(false);
      });
    });
    clearTimeout(timer);
    if (!handshake || closed || upgraded.destroyed) {
      upgraded.destroy();
      return;
    }
    socket = upgraded;
    secure = true;
    upgraded.on('data', onData);
    upgraded.resume();
  }

  async function run(): Promise<void> {
    write(renderOk(options.greeting));
    for (;;) {
      const item = await next();
      if (item === null) return;
      await handle(item);
      if (closed) return;
      armIdleTimer();
      if (closeAfter) {
        end();
        return;
      }
      if (tlsAfter) {
        tlsAfter = false;
        await startTls();
      }
    }
  }

  raw.on('close', finish);
  raw.on('error', (error) => {
    reportNetworkError(events, 'pop3 socket', error);
    raw.destroy();
  });
  raw.on('data', onData);
  raw.setNoDelay(true);
  armIdleTimer();
  run().catch((error: unknown) => {
    log.error('POP3 session failed', error);
    socket.destroy();
    finish();
  });

  return {
    shutdown(refusal) {
      write(refusalResponse(refusal));
      end();
    },
  };
}
