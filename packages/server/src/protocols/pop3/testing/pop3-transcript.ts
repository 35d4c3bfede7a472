/**
 * Test-only POP3 client that reads like a transcript: send a command, assert the exact response
 * line, read multi-line bodies up to the terminator (raw wire bytes and unstuffed bytes both kept,
 * for byte-level checks). Plain TCP, STLS (RFC 2595) and implicit TLS over real sockets.
 */
import assert from 'node:assert/strict';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

export interface Pop3TranscriptOptions {
  readonly host: string;
  readonly port: number;
  /** PEM CA of the server certificate (TLS is verified against it). */
  readonly ca: string;
  readonly implicitTls?: boolean;
  /** Milliseconds to wait for a line; default 10000. */
  readonly timeoutMs?: number;
}

export interface MultilineReply {
  readonly status: string;
  /** The body as sent, byte-stuffed, terminator included. */
  readonly wire: Buffer;
  /** The body as the client gets it: stuffing removed, terminator dropped. */
  readonly body: Buffer;
  /** `body` split into lines without CRLF. */
  readonly lines: readonly string[];
}

export interface Pop3Transcript {
  /** The next response line (latin1, without CRLF). */
  line(): Promise<string>;
  /** Reads a line and checks it: exact text for a string, a match for a RegExp. */
  expect(expected: string | RegExp): Promise<string>;
  /** Sends one command line (CRLF added) and checks the one-line reply. */
  command(line: string, expected: string | RegExp): Promise<string>;
  /** Sends a command whose reply is multi-line, checks the status line and reads the body. */
  multiline(line: string, expectedStatus: string | RegExp): Promise<MultilineReply>;
  /** Writes bytes as they are. */
  write(data: string | Uint8Array): void;
  /** STLS → `+OK`, then the TLS handshake on the same connection. */
  startTls(): Promise<void>;
  /** Only the TLS handshake, for a test that sent STLS itself. */
  upgradeTls(): Promise<void>;
  readonly secure: () => boolean;
  /** Resolves when the server closed the connection. */
  readonly ended: Promise<void>;
  /** Closes the socket (no QUIT). */
  close(): void;
}

export async function openPop3Transcript(options: Pop3TranscriptOptions): Promise<Pop3Transcript> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let buffer = Buffer.alloc(0);
  let notify: (() => void) | undefined;
  let isEnded = false;
  let endedResolve: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    endedResolve = resolve;
  });
  let secure = options.implicitTls === true;

  const onData = (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    notify?.();
  };
  const onEnd = () => {
    isEnded = true;
    endedResolve();
    notify?.();
  };

  function attach(target: Socket): void {
    target.on('data', onData);
    target.on('end', onEnd);
    target.on('close', onEnd);
    target.on('error', onEnd);
  }

  let socket: Socket = await new Promise<Socket>((resolve, reject) => {
    const opened: Socket = secure
      ? connectTls(
          { host: options.host, port: options.port, ca: options.ca, servername: 'localhost' },
          () => {
            resolve(opened);
          },
        )
      : connectTcp({ host: options.host, port: options.port }, () => {
          resolve(opened);
        });
    opened.once('error', reject);
  });
  attach(socket);

  async function waitFor<T>(take: () => T | undefined, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = take();
      if (value !== undefined) return value;
      if (isEnded) assert.fail(`connection closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) assert.fail(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        notify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      notify = undefined;
    }
  }

  function takeLine(): string | undefined {
    const end = buffer.indexOf('\r\n');
    if (end === -1) return undefined;
    const line = buffer.subarray(0, end).toString('latin1');
    buffer = buffer.subarray(end + 2);
    return line;
  }

  function takeBody(): { wire: Buffer; body: Buffer } | undefined {
    const pieces: Buffer[] = [];
    let at = 0;
    for (;;) {
      const end = buffer.indexOf('\n', at);
      if (end === -1) return undefined;
      const line = buffer.subarray(at, end + 1);
      if (line.equals(Buffer.from('.\r\n'))) {
        const wire = buffer.subarray(0, end + 1);
        buffer = buffer.subarray(end + 1);
        return { wire, body: Buffer.concat(pieces) };
      }
      pieces.push(line[0] === 0x2e ? line.subarray(1) : line);
      at = end + 1;
    }
  }

  function check(line: string, expected: string | RegExp): string {
    if (typeof expected === 'string') assert.equal(line, expected);
    else assert.match(line, expected);
    return line;
  }

  const transcript: Pop3Transcript = {
    line: () => waitFor(takeLine, 'a response line'),
    async expect(expected) {
      return check(await transcript.line(), expected);
    },
    async command(line, expected) {
      transcript.write(`${line}\r\n`);
      return transcript.expect(expected);
    },
    async multiline(line, expectedStatus) {
      const status = await transcript.command(line, expectedStatus);
      const { wire, body } = await waitFor(takeBody, `the body of ${line}`);
      const text = body.toString('latin1');
      const lines = text === '' ? [] : text.replace(/\r\n$/, '').split('\r\n');
      return { status, wire, body, lines };
    },
    write(data) {
      socket.write(data);
    },
    async startTls() {
      await transcript.command('STLS', /^\+OK/);
      await transcript.upgradeTls();
    },
    async upgradeTls() {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onEnd);
      socket = await new Promise<Socket>((resolve, reject) => {
        const upgraded = connectTls({ socket, ca: options.ca, servername: 'localhost' }, () => {
          resolve(upgraded);
        });
        upgraded.once('error', reject);
      });
      attach(socket);
      secure = true;
    },
    secure: () => secure,
    ended,
    close() {
      socket.destroy();
    },
  };
  return transcript;
}
