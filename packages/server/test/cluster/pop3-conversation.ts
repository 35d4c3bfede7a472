/**
 * Test-only: a POP3 conversation over implicit TLS, line by line, from a chosen local address (the
 * login throttle counts per remote address; any 127.0.0.0/8 address reaches a loopback listener).
 */
import { connect } from 'node:tls';

export interface Pop3Conversation {
  /** The next line from the server; rejects when none comes within the timeout or the server closed. */
  next(): Promise<string>;
  /** Sends `line` and CRLF, and returns the next line. */
  say(line: string): Promise<string>;
  close(): void;
}

export interface Pop3ConversationOptions {
  readonly port: number;
  /** PEM CA of the server certificate. */
  readonly ca: string;
  /** Local address to connect from; default chosen by the system. */
  readonly localAddress?: string;
  /** Milliseconds to wait for a line. Default 20 000. */
  readonly timeoutMs?: number;
}

export async function openPop3Conversation(options: Pop3ConversationOptions): Promise<Pop3Conversation> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const socket = connect({
    host: '127.0.0.1',
    port: options.port,
    ca: options.ca,
    servername: 'localhost',
    ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  });
  let buffer = '';
  let closed = false;
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  const lines: string[] = [];
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\r\n');
    while (end >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const waiter = waiting.shift();
      if (waiter === undefined) lines.push(line);
      else waiter.resolve(line);
      end = buffer.indexOf('\r\n');
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
    for (const waiter of waiting.splice(0)) waiter.reject(new Error('POP3 server closed the connection'));
  });
  const next = (): Promise<string> => {
    const line = lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (closed) return Promise.reject(new Error('POP3 server closed the connection'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no POP3 line within ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.push({
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  };
  return {
    next,
    async say(line: string): Promise<string> {
      socket.write(`${line}\r\n`);
      return next();
    },
    close: () => socket.destroy(),
  };
}
