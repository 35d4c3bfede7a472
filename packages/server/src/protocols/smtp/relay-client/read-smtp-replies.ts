/**
 * Reads SMTP replies from a client socket (RFC 5321 §4.2): multi-line replies joined, the reply
 * code and the RFC 3463 enhanced status code split off, one reply per `next()`. Guarantees: a reply
 * that does not parse, grows beyond the limit, or does not come in time fails the wait and the
 * connection; bytes received but not yet consumed are counted (STARTTLS injection check, RFC 3207).
 */
import type { Duplex } from 'node:stream';

export interface SmtpReply {
  readonly code: number;
  /** e.g. `5.1.1`, when the first line starts with one of the reply code's class. */
  readonly enhancedCode: string | null;
  /** Text of each line, without the code and separator. */
  readonly lines: readonly string[];
}

/** The reply as one line of text: `550 5.1.1 user unknown`. */
export function renderSmtpReply(reply: SmtpReply): string {
  return `${reply.code} ${reply.lines.join(' ')}`.trim();
}

export interface ReplyReader {
  /** The next complete reply; rejects on timeout, on a broken reply, or when the connection ends. */
  next(timeoutMs: number): Promise<SmtpReply>;
  /** Bytes received that are not part of a consumed reply. */
  bufferedBytes(): number;
  /** Stops reading this socket (before handing it to TLS). */
  detach(): void;
}

const linePattern = /^(\d{3})([ -])(.*)$/;

function enhancedCodeOf(code: number, text: string): string | null {
  const match = /^([245])\.(\d{1,3})\.(\d{1,3})(?=\s|$)/.exec(text);
  if (match === null || match[1] !== String(code).charAt(0)) return null;
  return `${match[1]}.${match[2] ?? ''}.${match[3] ?? ''}`;
}

export function createReplyReader(socket: Duplex, maxReplyBytes = 64 * 1024): ReplyReader {
  let pending: Buffer = Buffer.alloc(0);
  let lines: { code: number; text: string }[] = [];
  let lineBytes = 0;
  const replies: SmtpReply[] = [];
  let failure: Error | undefined;
  let waiter: { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void } | undefined;

  function fail(error: Error): void {
    failure ??= error;
    waiter?.reject(failure);
    waiter = undefined;
  }

  function parseLines(): void {
    for (;;) {
      const end = pending.indexOf(0x0a);
      if (end < 0) break;
      const line = pending.subarray(0, end).toString('latin1').replace(/\r$/, '');
      pending = pending.subarray(end + 1);
      lineBytes += end + 1;
      const match = linePattern.exec(line);
      const code = Number(match?.[1]);
      const previous = lines[0];
      if (match === null || (previous !== undefined && previous.code !== code)) {
        fail(new Error(`malformed SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`));
        socket.destroy();
        return;
      }
      lines.push({ code, text: match[3] ?? '' });
      if (match[2] === ' ') {
        const first = lines[0]?.text ?? '';
        replies.push({ code, enhancedCode: enhancedCodeOf(code, first), lines: lines.map((l) => l.text) });
        lines = [];
        lineBytes = 0;
      }
    }
    if (pending.length + lineBytes > maxReplyBytes) {
      fail(new Error(`SMTP reply longer than ${maxReplyBytes} bytes`));
      socket.destroy();
    }
  }

  function deliver(): void {
    const reply = replies[0];
    if (waiter !== undefined && reply !== undefined) {
      replies.shift();
      waiter.resolve(reply);
      waiter = undefined;
    }
  }

  const onData = (chunk: Buffer): void => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    parseLines();
    deliver();
  };
  const onError = (error: Error): void => {
    fail(error);
  };
  const onClose = (): void => {
    fail(new Error('connection closed by the peer'));
  };
  socket.on('data', onData);
  socket.on('error', onError);
  socket.on('close', onClose);
  socket.on('end', onClose);

  return {
    next(timeoutMs) {
      const ready = replies.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise<SmtpReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          fail(new Error(`no SMTP reply within ${timeoutMs} ms`));
          socket.destroy();
        }, timeoutMs);
        waiter = {
          resolve: (reply) => {
            clearTimeout(timer);
            resolve(reply);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
      });
    },
    bufferedBytes: () => pending.length + lineBytes + replies.length,
    detach() {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off('end', onClose);
    },
  };
}
