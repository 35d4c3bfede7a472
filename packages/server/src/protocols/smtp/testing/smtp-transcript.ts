/**
 * Test-only SMTP client that reads like a transcript: send a line, assert the reply code (and text).
 * Speaks plain TCP, STARTTLS (RFC 3207) and implicit TLS over real sockets; multi-line replies
 * (RFC 5321 §4.2.1) are gathered into one record. Not used by production code.
 */
import assert from 'node:assert/strict';
import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { TLSSocket } from 'node:tls';

export interface TranscriptReply {
  readonly code: number;
  /** Every line of the reply without the code and separator. */
  readonly lines: readonly string[];
  /** The lines joined with newlines. */
  readonly text: string;
}

export interface TranscriptOptions {
  readonly host: string;
  readonly port: number;
  /** PEM CA that signed the server certificate (TLS is verified against it). */
  readonly ca: string;
  /** Name the certificate must carry. Default `localhost`. */
  readonly servername?: string;
  /** Implicit TLS from the first byte (465-style). */
  readonly implicitTls?: boolean;
  /** Milliseconds to wait for a reply. Default 10000. */
  readonly timeoutMs?: number;
  /** Local address to connect from (e.g. 127.0.0.2, another loopback client). */
  readonly localAddress?: string;
}

export interface SmtpTranscript {
  readonly secure: boolean;
  /** Waits for the next reply and checks its code (and text, when a pattern is given). */
  expect(code: number, pattern?: RegExp): Promise<TranscriptReply>;
  /** Sends one command line (CRLF added) and checks the reply. */
  send(line: string, code: number, pattern?: RegExp): Promise<TranscriptReply>;
  /** Writes bytes as they are, no reply awaited (message content, pipelined commands). */
  write(data: string | Uint8Array): void;
  /** STARTTLS → 220, then the TLS handshake on the same connection. */
  startTls(): Promise<void>;
  /** QUIT if still connected, then closes the socket. */
  close(): Promise<void>;
  /** Drops the connection at once, as a client that goes away. */
  abort(): void;
  /** Resolves when the server has closed the connection. */
  readonly ended: Promise<void>;
}

const replyLine = /^(\d{3})([ -])(.*)$/;

export async function openSmtpTranscript(options: TranscriptOptions): Promise<SmtpTranscript> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const servername = options.servername ?? 'localhost';
  const from = options.localAddress === undefined ? {} : { localAddress: options.localAddress };
  let socket: Socket | TLSSocket;
  let secure = options.implicitTls === true;
  let buffered = '';
  let pending: string[] = [];
  const replies: TranscriptReply[] = [];
  const waiters: ((reply: TranscriptReply) => void)[] = [];
  let endedResolve: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    endedResolve = resolve;
  });

  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    let index: number;
    while ((index = buffered.indexOf('\r\n')) !== -1) {
      const line = buffered.slice(0, index);
      buffered = buffered.slice(index + 2);
      const match = replyLine.exec(line);
      // A line that is no reply at all surfaces as code 0, so the next expectation fails on it.
      pending.push(match === null ? line : (match[3] ?? ''));
      if (match === null || match[2] === ' ') {
        const reply = {
          code: match === null ? 0 : Number(match[1]),
          lines: pending,
          text: pending.join('\n'),
        };
        pending = [];
        const waiter = waiters.shift();
        if (waiter === undefined) replies.push(reply);
        else waiter(reply);
      }
    }
  };

  const attach = (s: Socket | TLSSocket) => {
    socket = s;
    s.on('data', onData);
    s.on('close', endedResolve);
    s.on('error', () => undefined);
  };

  const next = (): Promise<TranscriptReply> => {
    const ready = replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const at = waiters.indexOf(done);
        if (at !== -1) waiters.splice(at, 1);
        reject(new Error(`no SMTP reply within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (reply: TranscriptReply) => {
        clearTimeout(timer);
        resolve(reply);
      };
      waiters.push(done);
      void ended.then(() => {
        const at = waiters.indexOf(done);
        if (at === -1) return;
        waiters.splice(at, 1);
        clearTimeout(timer);
        reject(new Error('the server closed the connection'));
      });
    });
  };

  await new Promise<void>((resolve, reject) => {
    const s = secure
      ? connectTls({ host: options.host, port: options.port, ca: options.ca, servername, ...from }, resolve)
      : connectTcp({ host: options.host, port: options.port, ...from }, resolve);
    s.once('error', reject);
    attach(s);
  });

  const expect = async (code: number, pattern?: RegExp): Promise<TranscriptReply> => {
    const reply = await next();
    assert.equal(reply.code, code, `expected ${code}, got ${reply.code} ${reply.text}`);
    if (pattern !== undefined) assert.match(reply.text, pattern);
    return reply;
  };

  const write = (data: string | Uint8Array) => {
    socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  };

  return {
    get secure() {
      return secure;
    },
    expect,
    send(line, code, pattern) {
      write(`${line}\r\n`);
      return expect(code, pattern);
    },
    write,
    async startTls() {
      write('STARTTLS\r\n');
      await expect(220);
      const plain = socket;
      plain.off('data', onData);
      plain.off('close', endedResolve);
      await new Promise<void>((resolve, reject) => {
        const s = connectTls({ socket: plain, ca: options.ca, servername }, resolve);
        s.once('error', reject);
        attach(s);
      });
      secure = true;
    },
    async close() {
      if (!socket.destroyed && socket.writable) {
        write('QUIT\r\n');
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1000))]);
      }
      socket.destroy();
    },
    abort() {
      socket.destroy();
    },
    ended,
  };
}
