/**
 * Test-only IMAP client that reads like a transcript (mox imapserver tests, Stalwart `session.cmd`):
 * send a line, expect the next response lines by pattern. Speaks plain TCP, STARTTLS and implicit
 * TLS over real sockets; a response's literals (`{n}`) are kept inside its line. Not used by
 * production code.
 */
import assert from 'node:assert/strict';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';

export interface ConversationOptions {
  readonly host?: string;
  readonly port: number;
  /** PEM CA of the server certificate; needed for TLS. */
  readonly ca?: string;
  readonly implicitTls?: boolean;
  /** Milliseconds to wait for a line. Default 5000. */
  readonly timeoutMs?: number;
  /** Local address to connect from (e.g. 127.0.0.2, another loopback client). */
  readonly localAddress?: string;
}

export interface CommandReply {
  readonly untagged: readonly string[];
  readonly tagged: string;
}

export interface ImapConversation {
  /** Writes `line` and CRLF. */
  send(line: string): void;
  /** Writes bytes as they are. */
  write(data: string | Uint8Array): void;
  /** The next response (one line, literals included), or throws after the timeout or on close. */
  next(timeoutMs?: number): Promise<string>;
  /** The next response must match `pattern`. */
  expect(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `line` and checks that exactly `patterns` come back, in order (the last one tagged). */
  transact(line: string, ...patterns: RegExp[]): Promise<string[]>;
  /** Like `transact` for a continuation line (literal data, SASL response) of the command tagged `tag`. */
  continueWith(tag: string, line: string, ...patterns: RegExp[]): Promise<string[]>;
  /** Sends `line` and collects everything up to the reply tagged with its first word (or `tag`). */
  command(line: string, tag?: string): Promise<CommandReply>;
  /** Upgrades the connection after the server's OK to STARTTLS. */
  startTls(): Promise<void>;
  /** Lines received and not yet read. */
  readonly pending: number;
  /** Resolves when the server closed the connection. */
  readonly closed: Promise<void>;
  readonly isClosed: boolean;
  close(): void;
}

export async function openImapConversation(options: ConversationOptions): Promise<ImapConversation> {
  const host = options.host ?? '127.0.0.1';
  const defaultTimeout = options.timeoutMs ?? 5000;
  let socket: Socket | TLSSocket;
  let buffer = Buffer.alloc(0);
  const lines: string[] = [];
  let waiter: (() => void) | null = null;
  let isClosed = false;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = () => {
      isClosed = true;
      resolve();
      waiter?.();
    };
  });

  const scan = () => {
    for (;;) {
      let cursor = 0;
      let end = -1;
      for (;;) {
        const lf = buffer.indexOf(0x0a, cursor);
        if (lf < 0) break;
        const literal = /\{(\d+)\}\r\n$/.exec(buffer.subarray(cursor, lf + 1).toString('latin1'));
        if (literal === null) {
          end = lf + 1;
          break;
        }
        const size = Number(literal[1]);
        if (buffer.length < lf + 1 + size) break;
        cursor = lf + 1 + size;
      }
      if (end < 0) return;
      lines.push(buffer.subarray(0, end - 2).toString('utf8'));
      buffer = buffer.subarray(end);
      waiter?.();
    }
  };
  const onData = (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    scan();
  };
  const attach = (target: Socket | TLSSocket) => {
    socket = target;
    target.on('data', onData);
    target.on('close', markClosed);
    target.on('error', () => undefined);
  };

  const from = options.localAddress === undefined ? {} : { localAddress: options.localAddress };
  await new Promise<void>((resolve, reject) => {
    const target =
      options.implicitTls === true
        ? connectTls({ host, port: options.port, ca: options.ca, servername: 'localhost', ...from }, resolve)
        : connectTcp({ host, port: options.port, ...from }, resolve);
    target.once('error', reject);
    attach(target);
  });

  const next = async (timeoutMs = defaultTimeout): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    while (lines.length === 0) {
      if (isClosed) throw new Error('the server closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no response within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      waiter = null;
    }
    return lines.shift() ?? '';
  };

  const check = async (line: string, tag: string, patterns: readonly RegExp[]): Promise<string[]> => {
    const reply = await conversation.command(line, tag);
    const received = [...reply.untagged, reply.tagged];
    assert.equal(
      received.length,
      patterns.length,
      `${line}: expected ${patterns.length} responses, got:\n${received.join('\n')}`,
    );
    patterns.forEach((pattern, index) => {
      assert.match(received[index] ?? '', pattern, `${line}: response ${index + 1}:\n${received.join('\n')}`);
    });
    return received;
  };

  const conversation: ImapConversation = {
    send: (line) => {
      socket.write(`${line}\r\n`);
    },
    write: (data) => {
      socket.write(data);
    },
    next,
    async expect(pattern, timeoutMs) {
      const line = await next(timeoutMs);
      assert.match(line, pattern);
      return line;
    },
    transact: (line, ...patterns) => check(line, line.split(' ', 1)[0] ?? '', patterns),
    continueWith: (tag, line, ...patterns) => check(line, tag, patterns),
    async command(line, tag = line.split(' ', 1)[0] ?? '') {
      conversation.send(line);
      const untagged: string[] = [];
      for (;;) {
        const response = await next();
        if (response.startsWith(`${tag} `)) return { untagged, tagged: response };
        untagged.push(response);
      }
    },
    async startTls() {
      const plain = socket;
      plain.off('data', onData);
      plain.off('close', markClosed);
      await new Promise<void>((resolve, reject) => {
        const secure = connectTls({ socket: plain, ca: options.ca, servername: 'localhost' }, resolve);
        secure.once('error', reject);
        attach(secure);
      });
    },
    get pending() {
      return lines.length;
    },
    closed,
    get isClosed() {
      return isClosed;
    },
    close: () => {
      socket.destroy();
    },
  };
  return conversation;
}
