/**
 * Opens an SMTP client session ready for a mail transaction: TCP connection, greeting, EHLO (HELO
 * when EHLO is refused), then STARTTLS by policy (RFC 3207, pec-spec §8.6): `required` fails
 * without STARTTLS or with a peer certificate that does not verify against the system CAs plus the
 * given ones; `opportunistic` upgrades when offered, without verification (RFC 7435), and falls
 * back to plain text when the upgrade fails; `none` stays plain. Plain bytes received after the
 * STARTTLS reply fail the session (RFC 3207 §4.2: no command injection).
 */
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import {
  connect as connectTls,
  createSecureContext,
  rootCertificates,
  type SecureContext,
  type TLSSocket,
} from 'node:tls';
import type { RouteTlsPolicy } from '../../../ports/route-store.ts';
import { createReplyReader, renderSmtpReply, type ReplyReader, type SmtpReply } from './read-smtp-replies.ts';

export interface SmtpSessionOptions {
  readonly host: string;
  readonly port: number;
  readonly heloName: string;
  readonly tls: RouteTlsPolicy;
  /** PEM certificates trusted besides the system's for `required` TLS. */
  readonly tlsCa?: readonly string[];
  readonly minTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  readonly connectTimeoutMs: number;
  /** Wait for the greeting and every reply before DATA (RFC 5321 §4.5.3.2 suggests 5 minutes). */
  readonly replyTimeoutMs: number;
}

/** Why a session could not be opened; nothing was sent. */
export class SmtpSessionError extends Error {
  /** The refusing reply, when the peer answered. */
  readonly reply: SmtpReply | null;
  /** True when the TLS handshake itself failed. */
  readonly tlsHandshake: boolean;

  constructor(message: string, options: { reply?: SmtpReply; tlsHandshake?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SmtpSessionError';
    this.reply = options.reply ?? null;
    this.tlsHandshake = options.tlsHandshake ?? false;
  }
}

export interface SmtpSession {
  /** EHLO keywords (upper case) with their parameters; empty after HELO. */
  readonly extensions: ReadonlyMap<string, string>;
  readonly encrypted: boolean;
  /** Sends one command line and reads its reply. */
  command(line: string, timeoutMs?: number): Promise<SmtpReply>;
  /**
   * Writes several command lines in one go, a command group of RFC 2920 (PIPELINING, when the peer
   * announces it); their replies are read with `reply`, one call per line, in order.
   */
  writeLines(lines: readonly string[]): void;
  /** Reads the next reply (of a line written by `writeLines`). */
  reply(timeoutMs?: number): Promise<SmtpReply>;
  /** Writes raw bytes (the dot-stuffed DATA body) and reads the reply. */
  sendRaw(bytes: Uint8Array, timeoutMs: number): Promise<SmtpReply>;
  /** QUIT (best effort), then closes the connection. */
  close(): Promise<void>;
  /** False once the connection is closed, by us or by the peer. */
  isOpen(): boolean;
  /** Calls `listener` once when the connection closes (at once when it already has). */
  onClose(listener: () => void): void;
}

/**
 * TLS contexts by trust configuration: building one with the system roots plus extra CAs parses
 * every root certificate (tens of milliseconds of CPU), so it is done once, not per connection.
 */
const secureContexts = new Map<string, SecureContext>();
const maxSecureContexts = 32;

function secureContextFor(
  verify: boolean,
  extra: readonly string[],
  minVersion: 'TLSv1.2' | 'TLSv1.3',
): SecureContext {
  const key = JSON.stringify([verify, minVersion, ...(verify ? extra : [])]);
  const cached = secureContexts.get(key);
  if (cached !== undefined) return cached;
  const context = createSecureContext({
    minVersion,
    ...(verify && extra.length > 0 ? { ca: [...rootCertificates, ...extra] } : {}),
  });
  if (secureContexts.size >= maxSecureContexts) secureContexts.clear();
  secureContexts.set(key, context);
  return context;
}

function connectSocket(options: SmtpSessionOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: options.host, port: options.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SmtpSessionError(
          `no connection to ${options.host}:${options.port} within ${options.connectTimeoutMs} ms`,
        ),
      );
    }, options.connectTimeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new SmtpSessionError(`cannot connect to ${options.host}:${options.port}: ${error.message}`, {
          cause: error,
        }),
      );
    });
  });
}

function upgrade(socket: Socket, options: SmtpSessionOptions): Promise<TLSSocket> {
  const verify = options.tls === 'required';
  const extra = options.tlsCa ?? [];
  return new Promise((resolve, reject) => {
    const secure = connectTls({
      socket,
      ...(isIP(options.host) === 0 ? { servername: options.host } : {}),
      rejectUnauthorized: verify,
      secureContext: secureContextFor(verify, extra, options.minTlsVersion ?? 'TLSv1.2'),
    });
    const timer = setTimeout(() => {
      secure.destroy();
      reject(new SmtpSessionError('TLS handshake timed out', { tlsHandshake: true }));
    }, options.replyTimeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.removeAllListeners('error');
      resolve(secure);
    });
    secure.once('error', (error: Error) => {
      clearTimeout(timer);
      secure.destroy();
      reject(
        new SmtpSessionError(`TLS handshake failed: ${error.message}`, { tlsHandshake: true, cause: error }),
      );
    });
  });
}

function parseExtensions(reply: SmtpReply): Map<string, string> {
  const extensions = new Map<string, string>();
  for (const line of reply.lines.slice(1)) {
    const [keyword = '', ...params] = line.trim().split(/\s+/);
    if (keyword !== '') extensions.set(keyword.toUpperCase(), params.join(' '));
  }
  return extensions;
}

function checkLine(line: string): void {
  if (/[\r\n]/.test(line)) throw new Error('an SMTP command must be one line');
}

async function greet(
  io: { readonly reader: ReplyReader; write(line: string): void },
  options: SmtpSessionOptions,
): Promise<Map<string, string>> {
  io.write(`EHLO ${options.heloName}`);
  const ehlo = await io.reader.next(options.replyTimeoutMs);
  if (ehlo.code === 250) return parseExtensions(ehlo);
  io.write(`HELO ${options.heloName}`);
  const helo = await io.reader.next(options.replyTimeoutMs);
  if (helo.code !== 250)
    throw new SmtpSessionError(`HELO refused: ${renderSmtpReply(helo)}`, { reply: helo });
  return new Map();
}

async function openOnce(options: SmtpSessionOptions): Promise<SmtpSession> {
  let socket: Socket | TLSSocket = await connectSocket(options);
  let reader = createReplyReader(socket);
  const io = {
    get reader() {
      return reader;
    },
    write(line: string) {
      checkLine(line);
      socket.write(`${line}\r\n`);
    },
    writeLines(lines: readonly string[]) {
      for (const line of lines) checkLine(line);
      socket.write(lines.map((line) => `${line}\r\n`).join(''));
    },
  };
  let encrypted = false;
  try {
    const greeting = await reader.next(options.replyTimeoutMs);
    if (greeting.code !== 220) {
      throw new SmtpSessionError(`greeting refused: ${renderSmtpReply(greeting)}`, { reply: greeting });
    }
    let extensions = await greet(io, options);
    if (options.tls !== 'none' && (extensions.has('STARTTLS') || options.tls === 'required')) {
      io.write('STARTTLS');
      const reply = await reader.next(options.replyTimeoutMs);
      if (reply.code === 220) {
        if (reader.bufferedBytes() > 0) throw new SmtpSessionError('plain text received after STARTTLS');
        reader.detach();
        const plain = socket;
        plain.on('error', () => undefined);
        socket = await upgrade(plain, options);
        reader = createReplyReader(socket);
        encrypted = true;
        extensions = await greet(io, options);
      } else if (options.tls === 'required') {
        throw new SmtpSessionError(`STARTTLS refused and TLS is required: ${renderSmtpReply(reply)}`, {
          reply,
        });
      }
    }
    if (options.tls === 'required' && !encrypted) throw new SmtpSessionError('TLS is required');
    return session(extensions, encrypted);
  } catch (error) {
    socket.destroy();
    if (error instanceof SmtpSessionError) throw error;
    throw new SmtpSessionError(error instanceof Error ? error.message : String(error), { cause: error });
  }

  function session(extensions: ReadonlyMap<string, string>, isEncrypted: boolean): SmtpSession {
    return {
      extensions,
      encrypted: isEncrypted,
      async command(line, timeoutMs = options.replyTimeoutMs) {
        io.write(line);
        return reader.next(timeoutMs);
      },
      writeLines(lines) {
        io.writeLines(lines);
      },
      reply(timeoutMs = options.replyTimeoutMs) {
        return reader.next(timeoutMs);
      },
      async sendRaw(bytes, timeoutMs) {
        socket.write(bytes);
        return reader.next(timeoutMs);
      },
      async close() {
        if (!socket.destroyed && socket.writable) {
          try {
            io.write('QUIT');
            await reader.next(Math.min(options.replyTimeoutMs, 5000));
          } catch {
            // QUIT is a courtesy; the transaction is already decided.
          }
        }
        socket.destroy();
      },
      isOpen: () => !socket.destroyed,
      onClose(listener) {
        if (socket.destroyed) listener();
        else socket.once('close', listener);
      },
    };
  }
}

export async function openSmtpSession(options: SmtpSessionOptions): Promise<SmtpSession> {
  try {
    return await openOnce(options);
  } catch (error) {
    // RFC 7435: opportunistic TLS must not make delivery worse than plain text.
    if (error instanceof SmtpSessionError && error.tlsHandshake && options.tls === 'opportunistic') {
      return openOnce({ ...options, tls: 'none' });
    }
    throw error;
  }
}
