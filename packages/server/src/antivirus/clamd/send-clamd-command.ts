/**
 * One exchange with clamd over TCP or a Unix socket, in the NUL-delimited `z` form of its protocol
 * (clamd(8)): `zPING`, `zVERSION`, or `zINSTREAM` followed by chunks, each prefixed by its length as
 * a 4-byte big-endian integer, and a zero-length chunk that ends the stream. Resolves with the first
 * reply, without its NUL; rejects with ClamdError when no complete reply arrives in time.
 */
import { connect, type Socket } from 'node:net';
import { ClamdError } from './clamd-error.ts';

/** Where clamd listens: its LocalSocket, or its TCPAddr and TCPSocket. */
export type ClamdTarget = { readonly socket: string } | { readonly host: string; readonly port: number };

export interface ClamdCommand {
  readonly target: ClamdTarget;
  readonly command: 'PING' | 'VERSION' | 'INSTREAM';
  /** The bytes to scan; only with INSTREAM. */
  readonly stream?: Uint8Array;
  /** Largest chunk sent; clamd accepts any size up to its StreamMaxLength. */
  readonly chunkBytes: number;
  /** The whole exchange (connect, send, reply) must finish within this time. */
  readonly timeoutMs: number;
}

/** Longer replies are not clamd's: no verdict or version string comes close. */
const maxReplyBytes = 64 * 1024;
const nul = 0;

export function describeClamdTarget(target: ClamdTarget): string {
  return 'socket' in target ? `unix:${target.socket}` : `${target.host}:${target.port}`;
}

export function sendClamdCommand(request: ClamdCommand): Promise<string> {
  const where = describeClamdTarget(request.target);
  return new Promise<string>((resolve, reject) => {
    const socket: Socket =
      'socket' in request.target
        ? connect({ path: request.target.socket })
        : connect({ host: request.target.host, port: request.target.port });
    const received: Buffer[] = [];
    let receivedBytes = 0;
    let settled = false;
    let lastError: Error | undefined;
    const stream = request.stream ?? new Uint8Array();
    const progress = { sent: 0, ended: false };

    const finish = (outcome: { reply: string } | { error: ClamdError }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if ('reply' in outcome) resolve(outcome.reply);
      else reject(outcome.error);
    };
    const timer = setTimeout(() => {
      finish({
        error: new ClamdError('timeout', `clamd at ${where}: no reply within ${request.timeoutMs} ms`),
      });
    }, request.timeoutMs);

    socket.setNoDelay(true);
    socket.on('connect', () => {
      socket.write(`z${request.command}\0`);
      if (request.command === 'INSTREAM') {
        void writeStream(socket, stream, request.chunkBytes, progress, () => settled);
      }
    });
    socket.on('data', (data: Buffer) => {
      received.push(data);
      receivedBytes += data.length;
      const all = Buffer.concat(received);
      const end = all.indexOf(nul);
      if (end >= 0) finish({ reply: all.subarray(0, end).toString('utf8') });
      else if (receivedBytes > maxReplyBytes) {
        finish({
          error: new ClamdError('protocol', `clamd at ${where}: reply longer than ${maxReplyBytes} bytes`),
        });
      }
    });
    socket.on('error', (error) => {
      // A write may fail after clamd replied and closed (size limit); wait for 'close' to decide.
      lastError = error;
    });
    // clamd closes early on streams over its StreamMaxLength, and the reset can beat its reply.
    const streamHint = (): string =>
      request.command === 'INSTREAM' && !progress.ended
        ? ` after ${progress.sent} of ${stream.length} bytes (clamd drops streams over its StreamMaxLength)`
        : '';
    socket.on('close', () => {
      // clamd always ends its reply with NUL; anything cut short of it is no verdict.
      const partial = Buffer.concat(received).toString('utf8').trim();
      const detail =
        partial !== ''
          ? `connection closed inside the reply ${JSON.stringify(partial.slice(0, 200))}`
          : (lastError?.message ?? 'connection closed without a reply') + streamHint();
      const cause = lastError === undefined ? {} : { cause: lastError };
      finish({ error: new ClamdError('unavailable', `clamd at ${where}: ${detail}`, cause) });
    });
  });
}

/**
 * Writes the INSTREAM chunks (views into `bytes`, nothing copied), at the pace clamd reads them and
 * stopping as soon as it has answered: clamd replies early and closes when the stream exceeds its
 * StreamMaxLength, and writing on would reset the connection before that reply is read.
 */
async function writeStream(
  socket: Socket,
  bytes: Uint8Array,
  chunkBytes: number,
  progress: { sent: number; ended: boolean },
  isDone: () => boolean,
): Promise<void> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    if (isDone() || socket.destroyed) return;
    const chunk = data.subarray(offset, Math.min(offset + chunkBytes, data.length));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.length);
    socket.write(length);
    const flowing = socket.write(chunk);
    progress.sent = offset + chunk.length;
    if (!flowing) await drained(socket);
  }
  if (isDone() || socket.destroyed) return;
  socket.write(Buffer.alloc(4));
  progress.ended = true;
}

/** Resolves when the socket can take more data, or is gone. */
function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
